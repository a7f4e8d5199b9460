import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type WebhookItem, webhooks } from '#services/webhooks/store';
import { toWebhookView } from '#services/webhooks/view';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';

/** An endpoint is turned off once this many attempts in a row failed over at least this long (both must hold). */
export const AUTO_DISABLE_AFTER_FAILURES = 20;
export const AUTO_DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;
const ACTOR = 'webhook-dispatcher';

export function shouldAutoDisable(
  failureStreak: number,
  failingSince: string | undefined,
  now: Date,
  scale = config.webhookRetryScale,
): boolean {
  if (failureStreak < AUTO_DISABLE_AFTER_FAILURES || !failingSince) return false;
  return now.getTime() - new Date(failingSince).getTime() >= AUTO_DISABLE_AFTER_MS * scale;
}

/** Counts a success (resets the streak) or a failure (extends it, and may turn the endpoint off). */
export async function recordAttemptOutcome(
  endpoint: WebhookItem,
  succeeded: boolean,
  now: Date,
): Promise<void> {
  const Key = { pk: `${endpoint.tenantId}#webhook`, sk: endpoint.webhookId };
  if (succeeded) {
    if (endpoint.failureStreak === 0) return;
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: config.tableName,
          Key,
          UpdateExpression: 'SET failureStreak = :zero REMOVE failingSince',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      )
      .catch(ignoreDeleted);
    return;
  }
  // Not through the ETag's version: health changes with every delivery, configuration only when someone edits it.
  const updated = await dynamo()
    .send(
      new UpdateCommand({
        TableName: config.tableName,
        Key,
        UpdateExpression: 'ADD failureStreak :one SET failingSince = if_not_exists(failingSince, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch(ignoreDeleted);
  const health = updated?.Attributes as
    | { failureStreak?: number; failingSince?: string; enabled?: boolean }
    | undefined;
  if (!health?.enabled || !shouldAutoDisable(health.failureStreak ?? 0, health.failingSince, now)) return;
  await disableFailingEndpoint(endpoint.tenantId, endpoint.webhookId, now);
}

function ignoreDeleted(error: unknown): undefined {
  if (error instanceof ConditionalCheckFailedException) return undefined;
  throw error;
}

/** Turns the endpoint off and says so (`webhook.disabled`), once, whoever else is failing it at the same time. */
async function disableFailingEndpoint(tenantId: string, webhookId: string, now: Date): Promise<void> {
  const { data: current } = await webhooks
    .get({ tenantId, webhookId })
    .go({ table: config.tableName, consistent: true });
  if (!current?.enabled || !current.failingSince) return;
  const next: WebhookItem = {
    ...current,
    enabled: false,
    disabledReason: 'failing',
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const update = webhooks
    .patch({ tenantId, webhookId })
    .set({ enabled: false, disabledReason: 'failing', updatedAt: next.updatedAt, version: next.version })
    .where(({ version, enabled }, { eq }) => `${eq(version, current.version)} AND ${eq(enabled, true)}`)
    .params({ table: config.tableName });
  const event = domainEvent(
    'webhook.disabled',
    { tenantId, system: ACTOR },
    {
      webhook: toWebhookView(next),
      reason: 'failing',
      consecutive_failures: current.failureStreak,
      failing_since: current.failingSince,
    },
    now,
  );
  try {
    await commitWithEvents([asUpdate(update)], [event]);
  } catch (error) {
    // Someone else changed or disabled it meanwhile; the next failure looks again.
    if (!(error instanceof WriteConflict)) throw error;
  }
}
