import { brandOf, publicTrustCenter } from '#services/brand/public';
import type { SubscribeBody, SubscriptionView } from '#services/notifications/schemas';
import { sendTemplatedEmail } from '#services/notifications/send';
import {
  findSubscription,
  findSubscriptionByConfirmToken,
  type SubprocessorSubscriptionItem,
  subprocessorSubscriptions,
} from '#services/notifications/store';
import { newConfirmToken, openUnsubscribeToken, sha256 } from '#services/notifications/subscription-tokens';
import type { EmailLanguage } from '#services/notifications/templates';
import { MAIL_LINK_ROUTES, trustCenterPageUrl } from '#services/site/public';
import { config } from '#shared/config';
import { asDelete, asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { spendChallenge, verifyProofOfWork } from '#shared/http/proof-of-work';
import { consumeLimits, formMeters } from '#shared/http/rate-limit';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';

/** How long a confirmation link works; an unconfirmed subscription is gone after it. */
export const CONFIRM_HOURS = 48;
/**
 * A pending subscription's confirmation is mailed again at most this often per exact address; the limits
 * on public forms (shared/http/rate-limit.ts) bound it per mailbox, source and tenant.
 */
const RESEND_AFTER_MINUTES = 10;

export interface VisitorSource {
  ip: string;
  userAgent?: string;
  /** The request's headers, which name the trust center by its host. */
  headers?: Readonly<Record<string, string>>;
}

/** Visitors have no principal: their changes are the trust center's own, with where the request came from. */
const PUBLIC_SUBSCRIPTION = 'public-subscription';

export function toSubscriptionView(item: SubprocessorSubscriptionItem): SubscriptionView {
  return {
    id: item.subscriptionId,
    email: item.email,
    language: item.language as EmailLanguage,
    confirmed_at: item.confirmedAt ?? item.updatedAt,
    created_at: item.createdAt,
  };
}

/**
 * Subscribes an address to the tenant's subprocessor changes: checks and spends the proof of work
 * (ValidationError `pow`), counts the limits on public forms (RateLimitError, 429), stores the address as
 * pending and mails the confirmation link. Otherwise answers the same whatever the address's state, so
 * the form reveals no subscriber.
 */
export async function subscribe(body: SubscribeBody, source: VisitorSource, now = new Date()): Promise<void> {
  const { tenantId } = await publicTrustCenter(source.headers ?? {}, body.org_id);
  const pow = await verifyProofOfWork(tenantId, 'subprocessor-subscription', body.pow, now);
  await spendChallenge(tenantId, pow, now);
  await consumeLimits(tenantId, formMeters('subprocessor_subscription', body.email, source.ip), now);
  const emailHash = sha256(body.email);
  const existing = await findSubscription(tenantId, emailHash);
  if (existing?.status === 'confirmed') return;
  const resendFrom = new Date(now.getTime() - RESEND_AFTER_MINUTES * 60_000).toISOString();
  if (existing && existing.confirmSentAt > resendFrom && existing.confirmExpiresAt > now.toISOString())
    return;

  const { token, hash } = newConfirmToken();
  const expiresAt = new Date(now.getTime() + CONFIRM_HOURS * 3600_000);
  // The language the visitor subscribed in (the site sends its page's); else the trust center's default.
  const language =
    body.language ??
    (existing?.language as EmailLanguage | undefined) ??
    (await brandOf(tenantId)).default_language;
  const item: SubprocessorSubscriptionItem = {
    tenantId,
    emailHash,
    subscriptionId: existing?.subscriptionId ?? newId('subprocessorSubscription'),
    email: body.email,
    language,
    status: 'pending',
    confirmTokenHash: hash,
    confirmExpiresAt: expiresAt.toISOString(),
    confirmSentAt: now.toISOString(),
    createdAt: existing?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    ttl: epochSeconds(expiresAt) + 24 * 3600,
  };
  const put = subprocessorSubscriptions.put(item).params({ table: config.tableName }) as {
    TableName: string;
    Item: Record<string, unknown>;
  };
  const condition = existing
    ? {
        ConditionExpression: '#status = :pending AND #sentAt = :sentAt',
        ExpressionAttributeNames: { '#status': 'status', '#sentAt': 'confirmSentAt' },
        ExpressionAttributeValues: { ':pending': 'pending', ':sentAt': existing.confirmSentAt },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    await commitWithEvents(
      [{ Put: { TableName: put.TableName, Item: put.Item, ...condition } }],
      [
        domainEvent(
          'subprocessor_subscription.requested',
          { tenantId, system: PUBLIC_SUBSCRIPTION, source },
          { subscription: { id: item.subscriptionId, language } },
          now,
        ),
      ],
    );
  } catch (error) {
    // A concurrent request for the same address won; it mails the confirmation.
    if (error instanceof WriteConflict) return;
    throw error;
  }
  const link = await trustCenterPageUrl(tenantId, language, MAIL_LINK_ROUTES.confirmSubscription, { token });
  // The subscription stands either way: subscribing again after the resend delay mails a new link.
  await sendTemplatedEmail({
    tenantId,
    to: body.email,
    template: 'subprocessor-subscription-confirm',
    language,
    data: { confirm_link: link, confirm_token: token, expires_in_hours: CONFIRM_HOURS },
  }).catch((error: unknown) =>
    logger.error('Could not send the subscription confirmation', {
      subscriptionId: item.subscriptionId,
      error: error as Error,
    }),
  );
}

const invalidToken = () => new NotFoundError('The token is invalid or has expired', 'token');

/** Confirms a pending subscription with the mailed token; confirming twice is harmless. */
export async function confirmSubscription(
  token: string,
  source: VisitorSource,
  now = new Date(),
): Promise<void> {
  const hash = sha256(token);
  const found = await findSubscriptionByConfirmToken(hash);
  // The index lags the table: decide on the item itself.
  const current = found ? await findSubscription(found.tenantId, found.emailHash) : null;
  if (!current || current.confirmTokenHash !== hash) throw invalidToken();
  if (current.status === 'confirmed') return;
  if (current.confirmExpiresAt <= now.toISOString()) throw invalidToken();

  const update = subprocessorSubscriptions
    .patch({ tenantId: current.tenantId, emailHash: current.emailHash })
    .set({ status: 'confirmed', confirmedAt: now.toISOString(), updatedAt: now.toISOString() })
    .remove(['ttl'])
    .where(
      ({ status, confirmTokenHash }, { eq }) => `${eq(status, 'pending')} AND ${eq(confirmTokenHash, hash)}`,
    )
    .params({ table: config.tableName });
  try {
    await commitWithEvents(
      [asUpdate(update)],
      [
        domainEvent(
          'subprocessor_subscription.confirmed',
          { tenantId: current.tenantId, system: PUBLIC_SUBSCRIPTION, source },
          {
            subscription: {
              id: current.subscriptionId,
              language: current.language as EmailLanguage,
              confirmed_at: now.toISOString(),
            },
          },
          now,
        ),
      ],
    );
  } catch (error) {
    // Confirmed by a concurrent request with the same token, or replaced by a newer link.
    if (!(error instanceof WriteConflict)) throw error;
    const after = await findSubscription(current.tenantId, current.emailHash);
    if (after?.status !== 'confirmed') throw invalidToken();
  }
}

/** Ends a subscription with the token from a notice; the address is deleted, and a second call is harmless. */
export async function unsubscribe(token: string, source: VisitorSource, now = new Date()): Promise<void> {
  const named = await openUnsubscribeToken(token);
  if (!named) throw invalidToken();
  const current = await findSubscription(named.tenantId, named.emailHash);
  if (!current || current.subscriptionId !== named.subscriptionId) return;
  const remove = asDelete(
    subprocessorSubscriptions
      .delete({ tenantId: named.tenantId, emailHash: named.emailHash })
      .where(({ subscriptionId }, { eq }) => eq(subscriptionId, named.subscriptionId))
      .params({ table: config.tableName }),
  );
  try {
    await commitWithEvents(
      [remove],
      [
        domainEvent(
          'subprocessor_subscription.cancelled',
          { tenantId: named.tenantId, system: PUBLIC_SUBSCRIPTION, source },
          { subscription: { id: named.subscriptionId } },
          now,
        ),
      ],
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
  }
}
