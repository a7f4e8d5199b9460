/**
 * A certification's status is never stored: it is computed from its expiry date and the day of the read,
 * so it can never go stale. Dates are ISO calendar dates (`YYYY-MM-DD`), which compare as strings.
 */
export const CERTIFICATION_STATUSES = ['valid', 'expiring', 'expired'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** How many days before its expiry a certification counts as `expiring`, unless the reader asks otherwise. */
export const DEFAULT_EXPIRING_WITHIN_DAYS = 60;

/** The UTC calendar date of an instant. */
export function calendarDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00.000Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return calendarDate(instant);
}

/**
 * `expired` once the expiry date has passed (a certification is still good on the day it expires),
 * `expiring` from `windowDays` before the expiry date through the expiry date itself, `valid` before that.
 */
export function certificationStatus(
  expiresAt: string,
  today: string,
  windowDays: number,
): CertificationStatus {
  if (expiresAt < today) return 'expired';
  if (expiresAt <= addDays(today, windowDays)) return 'expiring';
  return 'valid';
}

/** The expiry dates a status covers on a given day, inclusive bounds, for filtering a listing. */
export function expiryRangeOf(
  status: CertificationStatus,
  today: string,
  windowDays: number,
): { from?: string; through?: string } {
  const lastExpiring = addDays(today, windowDays);
  if (status === 'expired') return { through: addDays(today, -1) };
  if (status === 'expiring') return { from: today, through: lastExpiring };
  return { from: addDays(lastExpiring, 1) };
}
