import { randomBytes } from 'node:crypto';
import {
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  paginateGetUsagePlans,
} from '@aws-sdk/client-api-gateway';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { apiGateway } from '#shared/aws/api-gateway';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * Usage-plan keys: API Gateway API keys that exist only to meter and throttle. The authorizer returns
 * one as `usageIdentifierKey` and API Gateway applies the usage plan it is attached to. Every API key
 * gets its own; a tenant's interactive sessions share one; operators share one.
 */
export interface UsageKey {
  id: string;
  value: string;
}

let planIds: Promise<Map<string, string>> | undefined;

/** Plan ids by name, looked up once per container (ids cannot be passed in without a deploy cycle). */
export async function planIdOf(tier: string): Promise<string> {
  const name = config.usagePlanNames[tier];
  if (!name) throw new Error(`No usage plan for the tier ${tier}`);
  planIds ??= (async () => {
    const byName = new Map<string, string>();
    for await (const page of paginateGetUsagePlans({ client: apiGateway() }, { limit: 500 })) {
      for (const plan of page.items ?? []) if (plan.name && plan.id) byName.set(plan.name, plan.id);
    }
    return byName;
  })();
  const id = (await planIds).get(name);
  if (!id) {
    planIds = undefined;
    throw new Error(`No usage plan named ${name}`);
  }
  return id;
}

export async function createUsageKey(name: string, plan: string): Promise<UsageKey> {
  const usagePlanId = await planIdOf(plan);
  // The value is ours, so the authorizer can return it without asking API Gateway.
  const created = await apiGateway().send(
    new CreateApiKeyCommand({ name, enabled: true, value: randomBytes(30).toString('base64url') }),
  );
  if (!created.id || !created.value) throw new Error('API Gateway returned no key');
  await apiGateway().send(
    new CreateUsagePlanKeyCommand({ usagePlanId, keyId: created.id, keyType: 'API_KEY' }),
  );
  return { id: created.id, value: created.value };
}

export async function deleteUsageKey(id: string): Promise<void> {
  await apiGateway()
    .send(new DeleteApiKeyCommand({ apiKey: id }))
    .catch((error: unknown) =>
      logger.warn('Could not delete a usage key', { usageKeyId: id, error: error as Error }),
    );
}

/**
 * The usage key stored on an item (an organization, or the operators' settings), created on first
 * use. Two racing callers may both create one; the conditional write keeps the first and the loser's
 * key is deleted.
 */
export async function ensureUsageKey(
  item: { pk: string; sk: string },
  name: string,
  plan: string,
): Promise<string> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: item }));
  const existing = Item?.usageKeyValue;
  if (typeof existing === 'string') return existing;
  const created = await createUsageKey(name, plan);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: item,
        UpdateExpression: 'SET usageKeyId = :id, usageKeyValue = :value',
        ConditionExpression: 'attribute_not_exists(usageKeyValue)',
        ExpressionAttributeValues: { ':id': created.id, ':value': created.value },
      }),
    );
    return created.value;
  } catch (error) {
    await deleteUsageKey(created.id);
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return ensureUsageKey(item, name, plan);
    }
    throw error;
  }
}
