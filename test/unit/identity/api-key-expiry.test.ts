import { describe, expect, it } from 'vitest';
import { daysLeft, expiryWarningDue } from '#services/identity/api-key-expiry';

describe('API key expiry warnings', () => {
  it('are due at 30, 7 and 1 days, and in between at the latest one reached', () => {
    const due = [45, 31, 30, 29, 8, 7, 6, 2, 1, 0, -1].map(expiryWarningDue);

    expect(due).toEqual([null, null, 30, 30, 30, 7, 7, 7, 1, 1, null]);
  });

  it('count calendar days in UTC, whatever the time of day', () => {
    expect(daysLeft('2026-12-31T00:30:00Z', new Date('2026-12-01T23:59:00Z'))).toBe(30);
    expect(daysLeft('2026-12-02T23:00:00Z', new Date('2026-12-02T01:00:00Z'))).toBe(0);
  });
});
