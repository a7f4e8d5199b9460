/**
 * The period a report covers: `period=7d|30d|90d` (the last N UTC days, today included) or an explicit
 * `from`/`to` (UTC dates, both included). Pure.
 */
import * as z from 'zod';
import { utcDayOf } from '#services/analytics/visitor';

export const PERIODS = ['7d', '30d', '90d'] as const;
export const DEFAULT_PERIOD = '30d';
/** The longest `from`/`to` range, in days (both included): a year and a day, for year-on-year views. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  from: string;
  to: string;
  /** Every day of the period, oldest first. */
  days: string[];
}

const date = (what: string) =>
  z.iso
    .date('must be a date, YYYY-MM-DD')
    .optional()
    .describe(`${what} (UTC date, YYYY-MM-DD, included). Give both \`from\` and \`to\`, or \`period\`.`);

/** The query every analytics route takes. */
export const periodQuery = z
  .object({
    period: z
      .enum(PERIODS)
      .optional()
      .describe(
        `The last 7, 30 or 90 UTC days, today included (default ${DEFAULT_PERIOD}). Not with \`from\`/\`to\`.`,
      ),
    from: date('First day'),
    to: date(`Last day; at most ${MAX_RANGE_DAYS} days after \`from\``),
  })
  .superRefine((query, context) => {
    if (query.period && (query.from || query.to)) {
      context.addIssue({
        code: 'custom',
        message: 'Give `period` or `from`/`to`, not both',
        path: ['period'],
      });
      return;
    }
    if ((query.from === undefined) !== (query.to === undefined)) {
      const missing = query.from === undefined ? 'from' : 'to';
      context.addIssue({ code: 'custom', message: 'Give both `from` and `to`', path: [missing] });
      return;
    }
    if (query.from && query.to) {
      if (query.from > query.to) {
        context.addIssue({ code: 'custom', message: '`from` must not be after `to`', path: ['from'] });
      } else if (daysBetween(query.from, query.to) + 1 > MAX_RANGE_DAYS) {
        context.addIssue({
          code: 'custom',
          message: `At most ${MAX_RANGE_DAYS} days from \`from\` to \`to\``,
          path: ['to'],
        });
      }
    }
  });

export type PeriodQuery = z.output<typeof periodQuery>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function addDays(day: string, days: number): string {
  return utcDayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** The days a (validated) query covers, at `now`. */
export function periodOf(query: PeriodQuery, now = new Date()): Period {
  const [from, to] =
    query.from && query.to
      ? [query.from, query.to]
      : [addDays(utcDayOf(now), 1 - Number.parseInt(query.period ?? DEFAULT_PERIOD, 10)), utcDayOf(now)];
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return { from, to, days };
}
