import { addDays } from '#services/certifications/certification-status';

/**
 * When renewal reminders are due. Pure date math on ISO calendar dates (UTC), no I/O.
 *
 * A certification gets one reminder per offset: 90, 60, 30, 14, 7 and 1 days before it expires, and on
 * the day it expires. A job that missed days (the platform was down) catches up for `lookbackDays`, but
 * only with the latest milestone passed: a certification 5 days from expiry gets the 7-day reminder late,
 * never the 14- and 30-day ones as well. Past its expiry date it gets nothing.
 */
export const REMINDER_OFFSETS_DAYS: readonly number[] = [90, 60, 30, 14, 7, 1, 0];
export const REMINDER_LOOKBACK_DAYS = 7;

export interface ReminderRules {
  offsetsDays: readonly number[];
  lookbackDays: number;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  offsetsDays: REMINDER_OFFSETS_DAYS,
  lookbackDays: REMINDER_LOOKBACK_DAYS,
};

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The offset whose reminder is due for a certification that expires in `daysUntilExpiry` days, or null:
 * the smallest offset not below it (the latest milestone reached), if reached at most `lookbackDays` ago.
 */
export function dueReminderOffset(
  daysUntilExpiry: number,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): number | null {
  if (daysUntilExpiry < 0) return null;
  const reached = rules.offsetsDays.filter((offset) => offset >= daysUntilExpiry);
  if (reached.length === 0) return null;
  const milestone = Math.min(...reached);
  return milestone - daysUntilExpiry <= rules.lookbackDays ? milestone : null;
}

export interface DueReminder {
  expiresAt: string;
  offsetDays: number;
  daysUntilExpiry: number;
}

/** Every expiry date with a reminder due on `today`: the date partitions a run queries, nothing else. */
export function dueReminders(today: string, rules: ReminderRules = DEFAULT_REMINDER_RULES): DueReminder[] {
  const horizon = Math.max(...rules.offsetsDays);
  const due: DueReminder[] = [];
  for (let daysUntilExpiry = 0; daysUntilExpiry <= horizon; daysUntilExpiry++) {
    const offsetDays = dueReminderOffset(daysUntilExpiry, rules);
    if (offsetDays !== null)
      due.push({ expiresAt: addDays(today, daysUntilExpiry), offsetDays, daysUntilExpiry });
  }
  return due;
}
