/**
 * Sending a subprocessor notice (the consumer of `subprocessor_notice.due`): the notice made from the
 * tenant's pending changes, and one mail per confirmed subscriber. Collecting the changes into batches and
 * the job that finds due batches are in subprocessor-notices.ts.
 */
import { DEFAULT_OBJECTION_WINDOW_DAYS } from '#services/notifications/schemas';
import { sendTemplatedEmail } from '#services/notifications/send';
import {
  findNotificationSettings,
  listConfirmedSubscriptions,
  listPendingChanges,
  notificationMarkers,
  pendingSubprocessorChanges,
  type SubprocessorNoticeItem,
  type SubprocessorSubscriptionItem,
  subprocessorNotices,
  subprocessorNoticesDue,
} from '#services/notifications/store';
import {
  MARKER_RETENTION_SECONDS,
  type NoticeChange,
  openBatch,
} from '#services/notifications/subprocessor-notices';
import { unsubscribeToken } from '#services/notifications/subscription-tokens';
import { type EmailLanguage, NOTICE_WORDS } from '#services/notifications/templates';
import { MAIL_LINK_ROUTES, trustCenterPageUrl } from '#services/site/public';
import { config } from '#shared/config';
import { asDelete, asPut, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

/** A notice lists at most this many changes (one transaction); more go into the next one. */
const MAX_CHANGES_PER_NOTICE = 90;

/** The notice's id follows from the event that asked for it, so a retried event finds its notice again. */
const noticeIdOf = (event: DomainEvent) => `spn_${event.id.slice(event.id.indexOf('_') + 1)}`;

function addDays(date: string, days: number): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Takes every pending change into a notice record, in one transaction with the event that announces it. */
async function createNotice(event: DomainEvent, now: Date): Promise<SubprocessorNoticeItem | null> {
  const tenantId = event.tenant_id;
  const noticeId = noticeIdOf(event);
  const pending = await listPendingChanges(tenantId, MAX_CHANGES_PER_NOTICE);
  if (pending.length === 0) return null;
  const settings = await findNotificationSettings(tenantId);
  const windowDays = settings?.objectionWindowDays ?? DEFAULT_OBJECTION_WINDOW_DAYS;
  const changes = pending.map((item) => item.change);
  const notice: SubprocessorNoticeItem = {
    tenantId,
    noticeId,
    changes,
    objectionWindowDays: windowDays,
    objectionDeadline: addDays(now.toISOString(), windowDays),
    createdAt: now.toISOString(),
  };
  const writes: TransactItem[] = [
    asPut(subprocessorNotices.create(notice).params({ table: config.tableName })),
    asDelete(subprocessorNoticesDue.delete({ tenantId }).params({ table: config.tableName })),
    ...pending.map((item) =>
      asDelete(
        pendingSubprocessorChanges
          .delete({ tenantId, occurredAt: item.occurredAt, eventId: item.eventId })
          .params({ table: config.tableName }),
      ),
    ),
  ];
  const created = domainEvent(
    'subprocessor_notice.created',
    { tenantId, system: 'subprocessor-notices' },
    {
      notice: {
        id: noticeId,
        change_count: changes.length,
        subprocessor_ids: [...new Set(changes.map((change) => change.subprocessor_id))],
        objection_window_days: windowDays,
        objection_deadline: notice.objectionDeadline,
      },
    },
    now,
  );
  try {
    await commitWithEvents(writes, [created]);
  } catch (error) {
    // A concurrent delivery of the same event made the notice first.
    if (!(error instanceof WriteConflict)) throw error;
    return findNotice(tenantId, noticeId);
  }
  // Changes that arrived while this notice was made found the batch still open and did not open one.
  const left = await listPendingChanges(tenantId, 1);
  if (left[0]) await openBatch(tenantId, left[0].occurredAt);
  return notice;
}

async function findNotice(tenantId: string, noticeId: string): Promise<SubprocessorNoticeItem | null> {
  const { data } = await subprocessorNotices
    .get({ tenantId, noticeId })
    .go({ table: config.tableName, consistent: true });
  return data;
}

const shown = (value: unknown, none: string): string => {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return none;
  return Array.isArray(value) ? value.join(', ') : String(value);
};

/** A notice's changes in the words of one language. */
export function noticeLines(changes: readonly NoticeChange[], language: EmailLanguage) {
  const words = NOTICE_WORDS[language];
  const none = words.none ?? '-';
  return changes.map((change) => ({
    name: change.name,
    kind: words[change.kind] ?? change.kind,
    effective_label: words.effective,
    effective_date: change.effective_date,
    details:
      change.kind === 'removed'
        ? []
        : change.changes
            .filter((detail) => !(change.kind === 'added' && detail.field === 'name'))
            .map((detail) => ({
              field: words[detail.field] ?? detail.field,
              before: shown(detail.before, none),
              after: shown(detail.after, none),
            })),
  }));
}

/**
 * Consumer of `subprocessor_notice.due`: makes the notice (once per event) and mails it to every confirmed
 * subscriber in their language, each with their own unsubscribe token. A marker per (notice, subscriber)
 * makes a retry after a failed send mail only those still missing.
 */
export async function sendSubprocessorNotice(event: DomainEvent, now: Date): Promise<void> {
  const notice = (await findNotice(event.tenant_id, noticeIdOf(event))) ?? (await createNotice(event, now));
  if (!notice) return;
  const changes = notice.changes;
  let failed = 0;
  let position: string | null = null;
  do {
    const page = await listConfirmedSubscriptions(event.tenant_id, { limit: 100, position });
    for (const subscriber of page.items) {
      try {
        await mailNotice(notice, changes, subscriber, now);
      } catch (error) {
        failed++;
        logger.warn('Could not mail a subprocessor notice', {
          noticeId: notice.noticeId,
          subscriptionId: subscriber.subscriptionId,
          error: (error as Error).name,
        });
      }
    }
    position = page.position;
  } while (position);
  if (failed > 0) throw new Error(`Subprocessor notice ${notice.noticeId}: ${failed} mail(s) failed`);
}

async function mailNotice(
  notice: SubprocessorNoticeItem,
  changes: NoticeChange[],
  subscriber: SubprocessorSubscriptionItem,
  now: Date,
): Promise<void> {
  // Subscribed after the notice was made: the changes predate them.
  if (subscriber.confirmedAt && subscriber.confirmedAt > notice.createdAt) return;
  const key = {
    tenantId: notice.tenantId,
    eventId: notice.noticeId,
    channel: 'email',
    target: subscriber.subscriptionId,
  };
  const sent = await notificationMarkers.get(key).go({ table: config.tableName, consistent: true });
  if (sent.data) return;
  const language = subscriber.language as EmailLanguage;
  const token = await unsubscribeToken(notice.tenantId, subscriber.emailHash, subscriber.subscriptionId);
  await sendTemplatedEmail({
    tenantId: notice.tenantId,
    to: subscriber.email,
    template: 'subprocessor-change-notice',
    language,
    data: {
      changes: noticeLines(changes, language),
      objection_window_days: notice.objectionWindowDays,
      objection_deadline: notice.objectionDeadline,
      unsubscribe_link: await trustCenterPageUrl(notice.tenantId, language, MAIL_LINK_ROUTES.unsubscribe, {
        token,
      }),
      unsubscribe_token: token,
    },
  });
  await notificationMarkers
    .put({
      ...key,
      outcome: 'sent',
      at: now.toISOString(),
      ttl: epochSeconds(now) + MARKER_RETENTION_SECONDS,
    })
    .go({ table: config.tableName });
}
