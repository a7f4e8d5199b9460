import { requireWebhookAuthority } from '#services/webhooks/create-webhook';
import type { UpdateWebhookBody } from '#services/webhooks/schemas';
import { findWebhook, type WebhookItem, webhooks } from '#services/webhooks/store';
import { toWebhookView } from '#services/webhooks/view';
import { checkWebhookUrl } from '#services/webhooks/webhook-url';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function updateWebhook(
  identity: Identity,
  webhookId: string,
  changes: UpdateWebhookBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<WebhookItem> {
  const current = await findWebhook(identity.tenantId, webhookId);
  if (!current) throw new NotFoundError('No such webhook', 'id');
  checkIfMatch(ifMatch, current.version);
  const url = changes.url === undefined ? current.url : checkWebhookUrl(changes.url);
  // Both filters: the one it has (a new URL would take its events) and the one it will have.
  await requireWebhookAuthority(
    identity,
    [...current.events, ...(changes.events ?? [])],
    'This endpoint receives events this caller may not read',
  );

  const enabled = changes.enabled ?? current.enabled;
  // Turning an endpoint back on starts its health afresh, else one more failure would turn it off again.
  const reenabled = enabled && !current.enabled;
  const next: WebhookItem = {
    ...current,
    url,
    events: changes.events ?? current.events,
    description: changes.description === null ? undefined : (changes.description ?? current.description),
    enabled,
    disabledReason: enabled ? undefined : current.enabled ? 'manual' : current.disabledReason,
    failureStreak: reenabled ? 0 : current.failureStreak,
    failingSince: reenabled ? undefined : current.failingSince,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  let patch = webhooks.patch({ tenantId: identity.tenantId, webhookId }).set({
    url: next.url,
    events: next.events,
    enabled: next.enabled,
    updatedAt: next.updatedAt,
    version: next.version,
  });
  const removed: ('description' | 'disabledReason' | 'failingSince')[] = [];
  if (next.description === undefined) removed.push('description');
  else patch = patch.set({ description: next.description });
  if (next.disabledReason === undefined) removed.push('disabledReason');
  else patch = patch.set({ disabledReason: next.disabledReason });
  if (reenabled) {
    patch = patch.set({ failureStreak: 0 });
    removed.push('failingSince');
  }
  if (removed.length > 0) patch = patch.remove(removed);
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'webhook.updated',
    identity,
    { webhook: toWebhookView(next), changed: changedFields(changes) },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  return next;
}
