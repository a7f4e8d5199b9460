import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { addDays, calendarDate } from '#services/certifications/certification-status';
import { CERTIFICATION_REMINDERS_JOB } from '#services/certifications/jobs';
import {
  DEFAULT_REMINDER_RULES,
  type DueReminder,
  dueReminders,
  type ReminderRules,
} from '#services/certifications/reminder-schedule';
import type { CertificationView } from '#services/certifications/schemas';
import {
  type CertificationItem,
  certificationReminders,
  certifications,
  certificationsExpiringOn,
} from '#services/certifications/store';
import { toCertificationView } from '#services/certifications/view';
import { config } from '#shared/config';
import { asPut, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

export interface CertificationExpiringData {
  certification: CertificationView;
  /** Whole days from the run's day to the expiry date; 0 on the day it expires. */
  days_until_expiry: number;
  /** The reminder this is (90, 60, 30, 14, 7, 1 or 0); above days_until_expiry when sent late, in catch-up. */
  reminder_offset_days: number;
  expires_at: string;
}

export type ReminderRunSummary = {
  today: string;
  expiry_dates: number;
  candidates: number;
  emitted: number;
  already_sent: number;
  /** Found in the index but deleted or given another expiry date since (the index lags the table). */
  stale: number;
  failed: number;
};

type Outcome = 'emitted' | 'already_sent' | 'stale';

/** Markers outlive the last day a run could send their reminder (the expiry date) by a margin. */
const MARKER_RETENTION_DAYS = 30;
const TRANSACTION_ATTEMPTS = 3;

/**
 * The renewal reminder job: for every expiry date with a reminder due today (see reminder-schedule.ts) it
 * queries that date's partition of the expiry index, across all tenants, and emits `certification.expiring`
 * into each certification's tenant outbox. The event commits together with a marker item that may not
 * exist yet, so each (certification, offset, expiry date) is sent once, however often or concurrently the
 * job runs.
 */
export async function sendCertificationReminders(
  now: Date,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): Promise<ReminderRunSummary> {
  const today = calendarDate(now);
  const due = dueReminders(today, rules);
  const summary: ReminderRunSummary = {
    today,
    expiry_dates: due.length,
    candidates: 0,
    emitted: 0,
    already_sent: 0,
    stale: 0,
    failed: 0,
  };
  for (const reminder of due) {
    let position: string | null = null;
    do {
      const page = await certificationsExpiringOn(reminder.expiresAt, position);
      summary.candidates += page.items.length;
      const outcomes = await Promise.allSettled(
        page.items.map((item) => sendReminder(item, reminder, today, now)),
      );
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') {
          summary[outcome.value]++;
        } else {
          summary.failed++;
          logger.error('Could not send a certification reminder', {
            tenant_id: page.items[index]?.tenantId,
            certification_id: page.items[index]?.certificationId,
            error: outcome.reason as Error,
          });
        }
      });
      position = page.position;
    } while (position);
  }
  // A failed run is retried by the schedule; the markers make the retry send only what is missing.
  if (summary.failed > 0) throw new Error(`Certification reminders: ${JSON.stringify(summary)}`);
  return summary;
}

async function sendReminder(
  item: CertificationItem,
  reminder: DueReminder,
  today: string,
  now: Date,
): Promise<Outcome> {
  const { tenantId, certificationId } = item;
  // The index is eventually consistent: send only if the certification still expires on that date.
  const { Key } = certifications.get({ tenantId, certificationId }).params({ table: config.tableName });
  const stillExpiring: TransactItem = {
    ConditionCheck: {
      TableName: config.tableName,
      Key,
      ConditionExpression: 'attribute_exists(#pk) AND #expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':expiresAt': reminder.expiresAt },
    },
  };
  const marker = asPut(
    certificationReminders
      .create({
        tenantId,
        certificationId,
        expiresAt: reminder.expiresAt,
        offsetDays: reminder.offsetDays,
        sentAt: now.toISOString(),
        ttl: epochSeconds(new Date(`${addDays(reminder.expiresAt, MARKER_RETENTION_DAYS)}T00:00:00Z`)),
      })
      .params({ table: config.tableName }),
  );
  const event = domainEvent(
    'certification.expiring',
    { tenantId, system: CERTIFICATION_REMINDERS_JOB },
    {
      certification: toCertificationView(item, { today }),
      days_until_expiry: reminder.daysUntilExpiry,
      reminder_offset_days: reminder.offsetDays,
      expires_at: reminder.expiresAt,
    },
    now,
  );

  for (let attempt = 1; ; attempt++) {
    try {
      await commitWithEvents([stillExpiring, marker], [event]);
      return 'emitted';
    } catch (error) {
      if (error instanceof WriteConflict) return error.failedIndexes.includes(1) ? 'already_sent' : 'stale';
      // Two runs writing the same marker at once: one wins, the other's retry then finds the marker.
      if (attempt < TRANSACTION_ATTEMPTS && isTransactionConflict(error)) {
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      throw error;
    }
  }
}

function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')
  );
}
