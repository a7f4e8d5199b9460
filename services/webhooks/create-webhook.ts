import { type CreateWebhookBody, MAX_WEBHOOKS_PER_TENANT } from '#services/webhooks/schemas';
import { newWebhookSecret, sealSecret } from '#services/webhooks/secret-box';
import { allWebhooks, type WebhookItem, webhooks } from '#services/webhooks/store';
import { toWebhookView } from '#services/webhooks/view';
import { checkWebhookUrl } from '#services/webhooks/webhook-url';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/**
 * An endpoint forwards the data of every event its filter names, and its signing secret lets whoever holds
 * it speak for the platform to the receiver: creating, changing, re-keying, testing or replaying one needs
 * the read scope of every event it receives. The catalogue (every service's event schemas) is loaded here,
 * by the operations that change an endpoint, not at the function's cold start.
 * @throws PermissionError (403) naming the scopes the caller lacks.
 */
export async function requireWebhookAuthority(
  identity: Identity,
  events: readonly string[],
  action: string,
): Promise<void> {
  const { eventReadScopes } = await import('#services/catalogue');
  requireScopes(identity, eventReadScopes(events), action);
}

/** Registers an endpoint; its signing secret is returned this once and stored only sealed. */
export async function createWebhook(
  identity: Identity,
  body: CreateWebhookBody,
  now = new Date(),
): Promise<{ item: WebhookItem; secret: string }> {
  const url = checkWebhookUrl(body.url);
  await requireWebhookAuthority(
    identity,
    body.events,
    'This endpoint would receive events this caller may not read',
  );
  if ((await allWebhooks(identity.tenantId)).length >= MAX_WEBHOOKS_PER_TENANT)
    throw new ConflictError(`An organization may have at most ${MAX_WEBHOOKS_PER_TENANT} webhook endpoints`);
  const webhookId = newId('webhook');
  const secret = newWebhookSecret();
  const timestamp = now.toISOString();
  const item: WebhookItem = {
    tenantId: identity.tenantId,
    webhookId,
    url,
    events: body.events,
    description: body.description || undefined,
    enabled: body.enabled,
    disabledReason: body.enabled ? undefined : 'manual',
    sealedSecret: await sealSecret(secret, identity.tenantId, webhookId),
    failureStreak: 0,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = webhooks.create(item).params({ table: config.tableName });
  await commitWithEvents(
    [asPut(put)],
    [domainEvent('webhook.created', identity, { webhook: toWebhookView(item) }, now)],
  );
  return { item, secret };
}
