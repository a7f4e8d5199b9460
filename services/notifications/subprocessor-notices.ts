/**
 * Subprocessor change notices, their first half: each change joins its tenant's open batch, and the
 * `subprocessor-notices` job announces every batch that is due. Making and mailing the notice is in
 * send-subprocessor-notice.ts.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SUBPROCESSOR_NOTICES_JOB } from '#services/notifications/jobs';
import {
  noticesDueBefore,
  pendingSubprocessorChanges,
  type SubprocessorNoticeDueItem,
  subprocessorNoticeFlushes,
  subprocessorNoticesDue,
} from '#services/notifications/store';
import { config } from '#shared/config';
import { asPut, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';

/** Changes wait this long for more to join them, so a morning of edits becomes one notice. */
export const NOTICE_BATCH_MINUTES = 30;
/** How long the markers are kept: a batch's flush (here) and a subscriber's mail (send-subprocessor-notice.ts). */
export const MARKER_RETENTION_SECONDS = 8 * 24 * 60 * 60;
/** Pending changes outlive any outage of the job by a margin; a notice is due within the hour. */
const PENDING_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** One line of a notice: a subprocessor and what changed about it. */
export interface NoticeChange {
  subprocessor_id: string;
  name: string;
  kind: 'added' | 'updated' | 'removed';
  effective_date: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

interface SubprocessorChangeData {
  subprocessor: { id: string; name: string };
  changes: { field: string; before: unknown; after: unknown }[];
  effective_date: string;
}

/** Consumer of subprocessor.added|updated|removed: the change joins the tenant's open batch. */
export async function collectSubprocessorChange(event: DomainEvent, now: Date): Promise<void> {
  const data = event.data as SubprocessorChangeData;
  // Only translations changed: the trust center shows new words, customers have nothing to be told.
  if (data.changes.length === 0) return;
  const change: NoticeChange = {
    subprocessor_id: data.subprocessor.id,
    name: data.subprocessor.name,
    kind: event.type.slice('subprocessor.'.length) as NoticeChange['kind'],
    effective_date: data.effective_date,
    changes: data.changes,
  };
  try {
    await pendingSubprocessorChanges
      .create({
        tenantId: event.tenant_id,
        occurredAt: event.occurred_at,
        eventId: event.id,
        change,
        ttl: epochSeconds(now) + PENDING_RETENTION_SECONDS,
      })
      .go({ table: config.tableName });
  } catch (error) {
    // Already collected: a redelivery of the same event.
    if (!isConditionalFailure(error)) throw error;
  }
  await openBatch(event.tenant_id, event.occurred_at);
}

/** Marks the tenant as having a batch open since `since`, unless one is open already. */
export async function openBatch(tenantId: string, since: string): Promise<void> {
  try {
    await subprocessorNoticesDue
      .create({ tenantId, batchId: newId('subprocessorNotice'), firstPendingAt: since })
      .go({ table: config.tableName });
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}

/** ElectroDB wraps the SDK's error; the cause says a `create` found its item already there. */
function isConditionalFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  return (error as { cause?: unknown } | null)?.cause instanceof ConditionalCheckFailedException;
}

export type NoticeJobSummary = {
  due: number;
  emitted: number;
  already_emitted: number;
  stale: number;
  failed: number;
};

/**
 * The `subprocessor-notices` job: every batch open for longer than NOTICE_BATCH_MINUTES gets one
 * `subprocessor_notice.due` event (its marker makes it once per batch, however often the job runs); the
 * consumer of that event builds and mails the notice. The job only reads and puts, as jobs may.
 */
export async function emitDueNotices(now: Date): Promise<NoticeJobSummary> {
  const before = new Date(now.getTime() - NOTICE_BATCH_MINUTES * 60_000).toISOString();
  const summary: NoticeJobSummary = { due: 0, emitted: 0, already_emitted: 0, stale: 0, failed: 0 };
  let position: string | null = null;
  do {
    const page = await noticesDueBefore(before, position);
    summary.due += page.items.length;
    for (const due of page.items) {
      try {
        summary[await emitDue(due, now)]++;
      } catch (error) {
        summary.failed++;
        logger.error('Could not emit a due subprocessor notice', {
          tenant_id: due.tenantId,
          error: error as Error,
        });
      }
    }
    position = page.position;
  } while (position);
  if (summary.failed > 0) throw new Error(`Subprocessor notices: ${JSON.stringify(summary)}`);
  return summary;
}

async function emitDue(
  due: SubprocessorNoticeDueItem,
  now: Date,
): Promise<'emitted' | 'already_emitted' | 'stale'> {
  const { Key } = subprocessorNoticesDue.get({ tenantId: due.tenantId }).params({ table: config.tableName });
  // The index lags the table: emit only for the batch that is still open.
  const stillOpen: TransactItem = {
    ConditionCheck: {
      TableName: config.tableName,
      Key,
      ConditionExpression: '#batchId = :batchId',
      ExpressionAttributeNames: { '#batchId': 'batchId' },
      ExpressionAttributeValues: { ':batchId': due.batchId },
    },
  };
  const marker = asPut(
    subprocessorNoticeFlushes
      .create({
        tenantId: due.tenantId,
        batchId: due.batchId,
        at: now.toISOString(),
        ttl: epochSeconds(now) + MARKER_RETENTION_SECONDS,
      })
      .params({ table: config.tableName }),
  );
  const event = domainEvent(
    'subprocessor_notice.due',
    { tenantId: due.tenantId, system: SUBPROCESSOR_NOTICES_JOB },
    { batch_id: due.batchId, first_pending_at: due.firstPendingAt },
    now,
  );
  try {
    await commitWithEvents([stillOpen, marker], [event]);
    return 'emitted';
  } catch (error) {
    if (error instanceof WriteConflict) return error.failedIndexes.includes(1) ? 'already_emitted' : 'stale';
    throw error;
  }
}
