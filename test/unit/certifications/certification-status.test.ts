import { describe, expect, it } from 'vitest';
import { addDays, certificationStatus, expiryRangeOf } from '#services/certifications/certification-status';

const today = '2026-03-15';
const window = 60;
// Sixty days after 2026-03-15 is 2026-05-14.
const lastExpiringDay = '2026-05-14';

describe('certificationStatus', () => {
  it('calls a certification that expired yesterday expired', () => {
    expect(certificationStatus('2026-03-14', today, window)).toBe('expired');
  });

  it('calls a certification that expires today expiring, not expired', () => {
    expect(certificationStatus('2026-03-15', today, window)).toBe('expiring');
  });

  it('calls a certification that expires tomorrow expiring', () => {
    expect(certificationStatus('2026-03-16', today, window)).toBe('expiring');
  });

  it('calls a certification that expires the day before the window ends expiring', () => {
    expect(certificationStatus('2026-05-13', today, window)).toBe('expiring');
  });

  it('calls a certification that expires on the last day of the window expiring', () => {
    expect(certificationStatus(lastExpiringDay, today, window)).toBe('expiring');
  });

  it('calls a certification that expires the day after the window ends valid', () => {
    expect(certificationStatus('2026-05-15', today, window)).toBe('valid');
  });

  it('with a window of zero days, calls only a certification expiring today expiring', () => {
    expect(certificationStatus('2026-03-14', today, 0)).toBe('expired');
    expect(certificationStatus('2026-03-15', today, 0)).toBe('expiring');
    expect(certificationStatus('2026-03-16', today, 0)).toBe('valid');
  });

  it('counts the window across a leap day', () => {
    expect(certificationStatus('2028-03-01', '2028-02-28', 2)).toBe('expiring');
    expect(certificationStatus('2028-03-02', '2028-02-28', 2)).toBe('valid');
  });
});

describe('addDays', () => {
  it('moves across month and year ends in UTC', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('expiryRangeOf', () => {
  it('gives each status the expiry dates that certificationStatus assigns it, with no gap or overlap', () => {
    const days = Array.from({ length: 130 }, (_, offset) => addDays(today, offset - 30));
    const inRange = (date: string, range: { from?: string; through?: string }) =>
      (range.from === undefined || date >= range.from) &&
      (range.through === undefined || date <= range.through);

    for (const date of days) {
      const status = certificationStatus(date, today, window);
      expect(inRange(date, expiryRangeOf(status, today, window)), `${date} is ${status}`).toBe(true);
      for (const other of (['valid', 'expiring', 'expired'] as const).filter((s) => s !== status)) {
        expect(inRange(date, expiryRangeOf(other, today, window)), `${date} is not ${other}`).toBe(false);
      }
    }
  });
});
