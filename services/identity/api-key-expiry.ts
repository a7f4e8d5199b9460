/**
 * Use case (the daily `api-key-expiry-warnings` job): warns 30, 7 and 1 days before an API key expires
 * (seed 2's "alerts before expiry").
 * 1. Walks the organizations (a Query of their index) and each one's keys (a Query of its partition):
 *    a daily job, one small Query per organization, never a Scan.
 * 2. A live key whose expiry is at most 30 calendar days (UTC) away has reached a warning: the smallest of
 *    30, 7 and 1 not below the days left (a key made with 20 days to live gets the 30-day one at once).
 * 3. `api_key.expiring` commits with a marker item that may not exist yet (per key, expiry and warning),
 *    so each goes out once however often the job runs; the notifications service mails it where a rule
 *    names it. Platform keys (the operators') and organizations pending deletion get none.
 */
import { API_KEY_EXPIRY_JOB } from '#services/identity/jobs';
import { everyOrganization } from '#services/identity/organization-plan';
import { type ApiKeyItem, apiKeys } from '#services/identity/store';
import { config } from '#shared/config';
import { commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

export const EXPIRY_WARNING_DAYS = [30, 7, 1] as const;
const DAY_MS = 86_400_000;

const calendarDay = (instant: Date | string) => new Date(instant).toISOString().slice(0, 10);

/** Whole calendar days (UTC) from `now` to `expiresAt`: 0 on the day it expires. */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.round((Date.parse(calendarDay(expiresAt)) - Date.parse(calendarDay(now))) / DAY_MS);
}

/** The warning a key `days` from expiry has reached, or null (further away than 30 days, or expired). */
export type ExpiryWarning = (typeof EXPIRY_WARNING_DAYS)[number];

export function expiryWarningDue(days: number): ExpiryWarning | null {
  if (days < 0) return null;
  const reached = EXPIRY_WARNING_DAYS.filter((warning) => warning >= days);
  return reached.length === 0 ? null : (Math.min(...reached) as ExpiryWarning);
}

export type ExpiryRunSummary = {
  organizations: number;
  keys: number;
  emitted: number;
  already_sent: number;
};

async function warn(key: ApiKeyItem, expiresAt: string, warning: ExpiryWarning, now: Date): Promise<boolean> {
  const event = domainEvent(
    'api_key.expiring',
    { tenantId: key.tenantId, system: API_KEY_EXPIRY_JOB },
    {
      api_key: { id: key.keyId, name: key.name, prefix: key.prefix, expires_at: expiresAt },
      days_before: warning,
      days_left: daysLeft(expiresAt, now),
    },
    now,
  );
  const marker = {
    Put: {
      TableName: config.tableName,
      Item: {
        pk: `${key.tenantId}#apikey-expiry-warning`,
        sk: `${key.keyId}#${expiresAt}#${warning}`,
        eventId: event.id,
        // Kept until the key has expired: a key's expiry never moves, and it is refused past it.
        ttl: epochSeconds(new Date(Date.parse(expiresAt) + DAY_MS)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    await commitWithEvents([marker], [event]);
    return true;
  } catch (error) {
    if (error instanceof WriteConflict) return false;
    throw error;
  }
}

/** One run at `now` (the schedule's time, or an injected one). */
export async function sendApiKeyExpiryWarnings(now: Date): Promise<ExpiryRunSummary> {
  const summary: ExpiryRunSummary = { organizations: 0, keys: 0, emitted: 0, already_sent: 0 };
  for await (const organization of everyOrganization()) {
    if (organization.status === 'pending_deletion') continue;
    summary.organizations++;
    const { data } = await apiKeys.query
      .byTenant({ tenantId: organization.orgId })
      .go({ table: config.tableName, pages: 'all' });
    for (const key of data) {
      if (key.revokedAt || !key.expiresAt || Date.parse(key.expiresAt) <= now.getTime()) continue;
      const warning = expiryWarningDue(daysLeft(key.expiresAt, now));
      if (warning === null) continue;
      summary.keys++;
      if (await warn(key, key.expiresAt, warning, now)) summary.emitted++;
      else summary.already_sent++;
    }
  }
  logger.debug('API key expiry warnings', { ...summary });
  return summary;
}
