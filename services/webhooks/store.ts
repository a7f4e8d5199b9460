import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/**
 * A tenant's webhook endpoints. The signing secret is sealed (see secret-box.ts): it must be read back to sign,
 * so it cannot be hashed. `failureStreak`/`failingSince` track its health without touching `version` (the ETag),
 * since they change with every delivery rather than with what the caller configured.
 */
export const webhooks = new Entity(
  {
    model: { entity: 'webhook', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      webhookId: { type: 'string', required: true, readOnly: true },
      url: { type: 'string', required: true },
      events: { type: 'list', items: { type: 'string' }, required: true },
      description: { type: 'string' },
      enabled: { type: 'boolean', required: true },
      disabledReason: { type: ['manual', 'failing'] as const },
      sealedSecret: { type: 'string', required: true },
      failureStreak: { type: 'number', required: true, default: 0 },
      failingSince: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#webhook', casing: 'none' },
        sk: { field: 'sk', composite: ['webhookId'], template: '${webhookId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type WebhookItem = EntityItem<typeof webhooks>;

/**
 * The delivery log of one endpoint: one item per (endpoint, event), keyed so that a redelivered event finds the
 * delivery it already made. The event envelope travels with it, so retries and replays need nothing else.
 */
export const webhookDeliveries = new Entity(
  {
    model: { entity: 'webhookDelivery', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      webhookId: { type: 'string', required: true, readOnly: true },
      deliveryId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      eventType: { type: 'string', required: true, readOnly: true },
      /** The envelope as JSON: the payload is rebuilt from it on every attempt. */
      event: { type: 'string', required: true, readOnly: true },
      status: { type: ['pending', 'succeeded', 'failed', 'dead'] as const, required: true },
      /** Ping deliveries are tried once; event deliveries are retried on the backoff schedule. */
      retries: { type: 'boolean', required: true, readOnly: true },
      attempts: { type: 'number', required: true },
      lastResponseCode: { type: 'number' },
      lastLatencyMs: { type: 'number' },
      lastError: { type: 'string' },
      nextAttemptAt: { type: 'string' },
      replayOf: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: {
          field: 'pk',
          composite: ['tenantId', 'webhookId'],
          template: '${tenantId}#webhook-delivery#${webhookId}',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['deliveryId'], template: '${deliveryId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type DeliveryItem = EntityItem<typeof webhookDeliveries>;

export interface DeliveryRef {
  tenantId: string;
  webhookId: string;
  deliveryId: string;
}

export async function findWebhook(tenantId: string, webhookId: string): Promise<WebhookItem | null> {
  const { data } = await webhooks.get({ tenantId, webhookId }).go({ table: config.tableName });
  return data;
}

export async function listWebhooks(
  tenantId: string,
  page: { limit: number; position: string | null },
): Promise<{ items: WebhookItem[]; position: string | null }> {
  const { data, cursor } = await webhooks.query
    .byId({ tenantId })
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'asc' });
  return { items: data, position: cursor };
}

/** Every endpoint of a tenant (bounded by MAX_WEBHOOKS_PER_TENANT), for fan-out and the creation limit. */
export async function allWebhooks(tenantId: string): Promise<WebhookItem[]> {
  const { data } = await webhooks.query.byId({ tenantId }).go({ table: config.tableName, pages: 'all' });
  return data;
}

export async function findDelivery(ref: DeliveryRef): Promise<DeliveryItem | null> {
  const { data } = await webhookDeliveries.get(ref).go({ table: config.tableName, consistent: true });
  return data;
}

/** Newest first; `status: 'dead'` lists the endpoint's dead letters. */
export async function listDeliveries(
  tenantId: string,
  webhookId: string,
  filter: { status?: DeliveryItem['status'] },
  page: { limit: number; position: string | null },
): Promise<{ items: DeliveryItem[]; position: string | null }> {
  const { data, cursor } = await webhookDeliveries.query
    .byId({ tenantId, webhookId })
    .where((attributes, { eq }) => (filter.status === undefined ? '' : eq(attributes.status, filter.status)))
    .go({ table: config.tableName, count: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
