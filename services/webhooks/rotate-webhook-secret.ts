import { requireWebhookAuthority } from '#services/webhooks/create-webhook';
import { newWebhookSecret, sealSecret } from '#services/webhooks/secret-box';
import { findWebhook, type WebhookItem, webhooks } from '#services/webhooks/store';
import { toWebhookView } from '#services/webhooks/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/** Replaces the signing secret at once (every later attempt, retries included, signs with the new one). */
export async function rotateWebhookSecret(
  identity: Identity,
  webhookId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<{ item: WebhookItem; secret: string }> {
  const current = await findWebhook(identity.tenantId, webhookId);
  if (!current) throw new NotFoundError('No such webhook', 'id');
  await requireWebhookAuthority(
    identity,
    current.events,
    'This endpoint’s secret cannot be rotated by this caller',
  );
  checkIfMatch(ifMatch, current.version);
  const secret = newWebhookSecret();
  const next: WebhookItem = {
    ...current,
    sealedSecret: await sealSecret(secret, identity.tenantId, webhookId),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const update = webhooks
    .patch({ tenantId: identity.tenantId, webhookId })
    .set({ sealedSecret: next.sealedSecret, updatedAt: next.updatedAt, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'webhook.updated',
    identity,
    { webhook: toWebhookView(next), changed: ['secret'] },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  return { item: next, secret };
}
