/** Billing periods are calendar months in UTC: invoices, cycles and the monthly API quota all use them. */

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The month containing `now`: its first instant, the next month's first instant, first and last day. */
export function monthOf(now: Date): { start: Date; end: Date; firstDay: string; lastDay: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end, firstDay: isoDay(start), lastDay: isoDay(new Date(end.getTime() - 86_400_000)) };
}

/** `2024-01`: the month as an invoice's period key. */
export function monthKeyOf(month: { start: Date }): string {
  return month.start.toISOString().slice(0, 7);
}

/** `days` after `day` (`YYYY-MM-DD`), as a day. */
export function daysAfter(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}
