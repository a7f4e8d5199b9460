import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_RULES,
  daysBetween,
  dueReminderOffset,
  dueReminders,
  REMINDER_OFFSETS_DAYS,
} from '#services/certifications/reminder-schedule';

const onTime = { offsetsDays: REMINDER_OFFSETS_DAYS, lookbackDays: 0 };

describe('daysBetween', () => {
  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2026-03-15', '2026-03-14')).toBe(-1);
  });
});

describe('dueReminderOffset', () => {
  it('is due on each offset day, the expiry day included', () => {
    for (const offset of REMINDER_OFFSETS_DAYS) expect(dueReminderOffset(offset)).toBe(offset);
  });

  it('is never due once the certification has expired', () => {
    expect(dueReminderOffset(-1)).toBeNull();
    expect(dueReminderOffset(-1, { offsetsDays: [0], lookbackDays: 30 })).toBeNull();
  });

  it('is not due before the first offset is reached', () => {
    expect(dueReminderOffset(91)).toBeNull();
    expect(dueReminderOffset(365)).toBeNull();
  });

  it('without a look-back, is due only on the offset days themselves', () => {
    expect(dueReminderOffset(59, onTime)).toBeNull();
    expect(dueReminderOffset(60, onTime)).toBe(60);
    expect(dueReminderOffset(61, onTime)).toBeNull();
  });

  it('catches up on the latest milestone passed, up to the look-back and not a day more', () => {
    // 7 days of look-back: the 30-day reminder is sent late through 23 days before expiry.
    expect(dueReminderOffset(23)).toBe(30);
    expect(dueReminderOffset(22)).toBeNull();
    // Between 14 and 7 days before expiry, the 14-day reminder is the latest milestone.
    expect(dueReminderOffset(8)).toBe(14);
  });

  it('catches up with the latest milestone only, never an earlier one it has moved past', () => {
    // 5 days out, after a week down: the 7-day reminder, not the 14-day one.
    expect(dueReminderOffset(5)).toBe(7);
    expect(dueReminderOffset(2)).toBe(7);
  });
});

describe('dueReminders', () => {
  it('without a look-back, queries exactly the offset dates', () => {
    const due = dueReminders('2026-03-15', onTime);

    expect(due).toEqual([
      { expiresAt: '2026-03-15', offsetDays: 0, daysUntilExpiry: 0 },
      { expiresAt: '2026-03-16', offsetDays: 1, daysUntilExpiry: 1 },
      { expiresAt: '2026-03-22', offsetDays: 7, daysUntilExpiry: 7 },
      { expiresAt: '2026-03-29', offsetDays: 14, daysUntilExpiry: 14 },
      { expiresAt: '2026-04-14', offsetDays: 30, daysUntilExpiry: 30 },
      { expiresAt: '2026-05-14', offsetDays: 60, daysUntilExpiry: 60 },
      { expiresAt: '2026-06-13', offsetDays: 90, daysUntilExpiry: 90 },
    ]);
  });

  it('crosses a year end and a leap day', () => {
    const due = dueReminders('2027-12-31', onTime);

    expect(due.find((reminder) => reminder.offsetDays === 1)?.expiresAt).toBe('2028-01-01');
    expect(due.find((reminder) => reminder.offsetDays === 60)?.expiresAt).toBe('2028-02-29');
    expect(due.find((reminder) => reminder.offsetDays === 90)?.expiresAt).toBe('2028-03-30');
  });

  it('with the default look-back, covers each date at most once and every reminder it can still send', () => {
    const today = '2026-03-15';
    const due = dueReminders(today);
    const dates = due.map((reminder) => reminder.expiresAt);

    expect(new Set(dates).size).toBe(dates.length);
    for (const reminder of due) {
      expect(daysBetween(today, reminder.expiresAt)).toBe(reminder.daysUntilExpiry);
      expect(reminder.offsetDays - reminder.daysUntilExpiry).toBeLessThanOrEqual(
        DEFAULT_REMINDER_RULES.lookbackDays,
      );
      expect(reminder.offsetDays).toBeGreaterThanOrEqual(reminder.daysUntilExpiry);
    }
    // A run on any of the look-back days after a milestone still finds it.
    for (const offset of REMINDER_OFFSETS_DAYS) {
      expect(due.some((reminder) => reminder.offsetDays === offset)).toBe(true);
    }
  });
});
