import { CustomAttributeType, Entity, type EntityItem } from 'electrodb';
import type { NoticeChange } from '#services/notifications/subprocessor-notices';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

const options = () => ({ table: config.tableName, client: dynamo() });
// GSI sort keys are built from attributes: ElectroDB writes a static GSI sort key as "undefined" on patch.

/** A tenant's notification settings: one item, replaced whole by PUT. Webhook URLs are stored sealed. */
export const notificationSettings = new Entity(
  {
    model: { entity: 'notificationSettings', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      emailRecipients: { type: 'list', required: true, items: { type: 'string' } },
      emailLanguage: { type: 'string', required: true },
      /** AES-GCM sealed (secret-box.ts); the masked form is what reads show. */
      slackWebhookSealed: { type: 'string' },
      slackWebhookMasked: { type: 'string' },
      teamsWebhookSealed: { type: 'string' },
      teamsWebhookMasked: { type: 'string' },
      rules: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            event: { type: 'string', required: true },
            channels: { type: 'list', required: true, items: { type: 'string' } },
          },
        },
      },
      objectionWindowDays: { type: 'number', required: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#notification-settings',
          casing: 'none',
        },
        sk: { field: 'sk', composite: [], template: 'settings', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * One item per (event, channel, target) the notifier delivered: a retry of an event whose Slack post failed
 * does not mail the recipients again.
 */
export const notificationMarkers = new Entity(
  {
    model: { entity: 'notificationMarker', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      channel: { type: 'string', required: true, readOnly: true },
      /** A hash of the recipient for email, the channel name otherwise (never the address or URL). */
      target: { type: 'string', required: true, readOnly: true },
      outcome: { type: ['sent', 'refused'] as const, required: true },
      at: { type: 'string', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      byEvent: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#notification-sent',
          casing: 'none',
        },
        sk: {
          field: 'sk',
          composite: ['eventId', 'channel', 'target'],
          template: '${eventId}#${channel}#${target}',
          casing: 'none',
        },
      },
    },
  },
  options(),
);

/**
 * A visitor's subscription to subprocessor changes, one per (tenant, email), keyed by the email's hash.
 * Double opt-in: `pending` until the emailed token (stored as its SHA-256, found through gsi1) is confirmed;
 * a pending one expires at `confirmExpiresAt` (and leaves the table by `ttl`).
 */
export const subprocessorSubscriptions = new Entity(
  {
    model: { entity: 'subprocessorSubscription', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      emailHash: { type: 'string', required: true, readOnly: true },
      subscriptionId: { type: 'string', required: true },
      email: { type: 'string', required: true },
      language: { type: 'string', required: true },
      status: { type: ['pending', 'confirmed'] as const, required: true },
      confirmTokenHash: { type: 'string', required: true },
      confirmExpiresAt: { type: 'string', required: true },
      confirmSentAt: { type: 'string', required: true },
      confirmedAt: { type: 'string' },
      createdAt: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      ttl: { type: 'number' },
    },
    indexes: {
      byEmail: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#subprocessor-subscription',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['emailHash'], template: '${emailHash}', casing: 'none' },
      },
      byConfirmToken: {
        index: 'gsi1',
        pk: {
          field: 'gsi1pk',
          composite: ['confirmTokenHash'],
          template: 'subprocessor-subscription-token#${confirmTokenHash}',
          casing: 'none',
        },
        sk: { field: 'gsi1sk', composite: ['tenantId'], template: '${tenantId}', casing: 'none' },
      },
    },
  },
  options(),
);

/** A subprocessor change waiting for the tenant's next notice; written once per event id. */
export const pendingSubprocessorChanges = new Entity(
  {
    model: { entity: 'pendingSubprocessorChange', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      occurredAt: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      /** The notice line: `{subprocessor_id, name, kind, effective_date, changes}` (see subprocessor-notices.ts). */
      change: { type: CustomAttributeType<NoticeChange>('any'), required: true, readOnly: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      byTime: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#subprocessor-change-pending',
          casing: 'none',
        },
        sk: {
          field: 'sk',
          composite: ['occurredAt', 'eventId'],
          template: '${occurredAt}#${eventId}',
          casing: 'none',
        },
      },
    },
  },
  options(),
);

/**
 * Says "this tenant has pending changes since `firstPendingAt`". Every tenant's sit in one partition of gsi2,
 * by time, so the notices job finds the batches old enough to send with one query; only the job reads it.
 */
export const subprocessorNoticesDue = new Entity(
  {
    model: { entity: 'subprocessorNoticeDue', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** New for every batch, so the job's once-per-batch marker names this batch and no other. */
      batchId: { type: 'string', required: true, readOnly: true },
      firstPendingAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTenant: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#subprocessor-notice-due',
          casing: 'none',
        },
        sk: { field: 'sk', composite: [], template: 'due', casing: 'none' },
      },
      byTime: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: [], template: 'subprocessor-notices-due', casing: 'none' },
        sk: {
          field: 'gsi2sk',
          composite: ['firstPendingAt', 'tenantId'],
          template: '${firstPendingAt}#${tenantId}',
          casing: 'none',
        },
      },
    },
  },
  options(),
);

/** The job's marker: one `subprocessor_notice.due` event per batch, however often the job runs. */
export const subprocessorNoticeFlushes = new Entity(
  {
    model: { entity: 'subprocessorNoticeFlush', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      batchId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true, readOnly: true },
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byBatch: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#subprocessor-notice-flush',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['batchId'], template: '${batchId}', casing: 'none' },
      },
    },
  },
  options(),
);

/** A notice as sent: the changes it listed and its objection window; kept as the tenant's record. */
export const subprocessorNotices = new Entity(
  {
    model: { entity: 'subprocessorNotice', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      noticeId: { type: 'string', required: true, readOnly: true },
      changes: { type: CustomAttributeType<NoticeChange[]>('any'), required: true, readOnly: true },
      objectionWindowDays: { type: 'number', required: true, readOnly: true },
      objectionDeadline: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#subprocessor-notice',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['noticeId'], template: '${noticeId}', casing: 'none' },
      },
    },
  },
  options(),
);

export type NotificationSettingsItem = EntityItem<typeof notificationSettings>;
export type SubprocessorSubscriptionItem = EntityItem<typeof subprocessorSubscriptions>;
export type PendingSubprocessorChangeItem = EntityItem<typeof pendingSubprocessorChanges>;
export type SubprocessorNoticeDueItem = EntityItem<typeof subprocessorNoticesDue>;
export type SubprocessorNoticeItem = EntityItem<typeof subprocessorNotices>;

export async function findNotificationSettings(tenantId: string): Promise<NotificationSettingsItem | null> {
  const { data } = await notificationSettings.get({ tenantId }).go({ table: config.tableName });
  return data;
}

export async function findSubscription(
  tenantId: string,
  emailHash: string,
): Promise<SubprocessorSubscriptionItem | null> {
  const { data } = await subprocessorSubscriptions
    .get({ tenantId, emailHash })
    .go({ table: config.tableName, consistent: true });
  return data;
}

export async function findSubscriptionByConfirmToken(
  confirmTokenHash: string,
): Promise<SubprocessorSubscriptionItem | null> {
  const { data } = await subprocessorSubscriptions.query
    .byConfirmToken({ confirmTokenHash })
    .go({ table: config.tableName, limit: 1 });
  return data[0] ?? null;
}

/** Confirmed subscribers only; `count` makes ElectroDB keep reading until a page is full of matches. */
export async function listConfirmedSubscriptions(
  tenantId: string,
  page: { limit: number; position: string | null },
): Promise<{ items: SubprocessorSubscriptionItem[]; position: string | null }> {
  const { data, cursor } = await subprocessorSubscriptions.query
    .byEmail({ tenantId })
    .where(({ status }, { eq }) => eq(status, 'confirmed'))
    .go({ table: config.tableName, count: page.limit, cursor: page.position });
  return { items: data, position: cursor };
}

/** The oldest pending changes first, read consistently (the flush deletes exactly what it read). */
export async function listPendingChanges(
  tenantId: string,
  limit: number,
): Promise<PendingSubprocessorChangeItem[]> {
  const { data } = await pendingSubprocessorChanges.query
    .byTime({ tenantId })
    .go({ table: config.tableName, limit, consistent: true, order: 'asc' });
  return data;
}

/** One page of every tenant's due markers whose batch began at or before `before` (gsi2: eventually consistent). */
export async function noticesDueBefore(
  before: string,
  position: string | null,
): Promise<{ items: SubprocessorNoticeDueItem[]; position: string | null }> {
  const { data, cursor } = await subprocessorNoticesDue.query
    .byTime({})
    .lte({ firstPendingAt: before })
    .go({ table: config.tableName, cursor: position, limit: 100 });
  return { items: data, position: cursor };
}
