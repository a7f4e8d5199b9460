import { requireWebhookAuthority } from '#services/webhooks/create-webhook';
import { findWebhook, webhooks } from '#services/webhooks/store';
import { toWebhookView } from '#services/webhooks/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/** Deletes an endpoint; its pending deliveries fail at their next attempt, its delivery log expires with time. */
export async function deleteWebhook(
  identity: Identity,
  webhookId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findWebhook(identity.tenantId, webhookId);
  if (!current) throw new NotFoundError('No such webhook', 'id');
  await requireWebhookAuthority(identity, current.events, 'This endpoint cannot be deleted by this caller');
  checkIfMatch(ifMatch, current.version);
  const remove = asDelete(
    webhooks
      .delete({ tenantId: identity.tenantId, webhookId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  await commitIfCurrent(
    [remove],
    [domainEvent('webhook.deleted', identity, { webhook: toWebhookView(current) }, now)],
  );
}
