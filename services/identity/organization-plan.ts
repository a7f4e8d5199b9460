/**
 * The organization's plan, as identity keeps it (the `plan` of the organization item), and the meters that
 * follow it: every usage-plan key of the organization (its people's shared key and each API key's own) is
 * attached to the API Gateway usage plan of that tier. Billing changes the plan through here, so there is
 * one copy of it.
 */
import {
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsageCommand,
} from '@aws-sdk/client-api-gateway';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { apiKeys, organizations } from '#services/identity/store';
import { planIdOf } from '#services/identity/usage-keys';
import { apiGateway } from '#shared/aws/api-gateway';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { NotFoundError } from '#shared/errors';

/** The plan id (a key of `planTiers`) of the organization, or null for a tenant with no organization item. */
export async function organizationPlanId(tenantId: string): Promise<string | null> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['plan'] });
  return data?.plan ?? null;
}

/** The API Gateway key ids that meter the organization: its people's shared key, then each live API key's. */
async function usageKeyIdsOf(tenantId: string): Promise<string[]> {
  const [{ Item }, keys] = await Promise.all([
    // usageKeyId is written beside the item by ensureUsageKey, outside the ElectroDB model.
    dynamo().send(
      new GetCommand({
        TableName: config.tableName,
        Key: { pk: `${tenantId}#organization`, sk: 'organization' },
        ProjectionExpression: 'usageKeyId',
      }),
    ),
    apiKeys.query
      .byTenant({ tenantId })
      .go({ table: config.tableName, pages: 'all', attributes: ['usageKeyId', 'revokedAt'] }),
  ]);
  const sessions = typeof Item?.usageKeyId === 'string' ? [Item.usageKeyId] : [];
  const own = keys.data
    .filter((key) => !key.revokedAt && key.usageKeyId)
    .map((key) => key.usageKeyId as string);
  return [...sessions, ...own];
}

const isNotFound = (error: unknown) => error instanceof Error && error.name === 'NotFoundException';
const isConflict = (error: unknown) => error instanceof Error && error.name === 'ConflictException';

/** Attaches one usage key to `to`'s usage plan, detaching it from `from`'s (a key is in one plan per stage). */
async function moveUsageKey(keyId: string, from: string, to: string): Promise<void> {
  if (from !== to) {
    await apiGateway()
      .send(new DeleteUsagePlanKeyCommand({ usagePlanId: await planIdOf(from), keyId }))
      .catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
  }
  await apiGateway()
    .send(new CreateUsagePlanKeyCommand({ usagePlanId: await planIdOf(to), keyId, keyType: 'API_KEY' }))
    .catch((error: unknown) => {
      if (!isConflict(error)) throw error;
    });
}

/**
 * Puts the organization on another plan (a key of `planTiers`; the caller has checked it exists and that
 * the organization fits it): first every usage key of the organization moves to the new tier's usage plan,
 * so the very next request is throttled by it, then the organization item records the plan. Moving is
 * idempotent, so a change that failed half-way is completed by asking again. NotFoundError without an
 * organization item.
 */
export async function changeOrganizationPlan(
  tenantId: string,
  plan: string,
  now = new Date(),
): Promise<void> {
  const current = await organizationPlanId(tenantId);
  if (current === null) throw new NotFoundError('No such organization', 'org_id');
  for (const keyId of await usageKeyIdsOf(tenantId)) await moveUsageKey(keyId, current, plan);
  await organizations
    .patch({ orgId: tenantId })
    .set({ plan, updatedAt: now.toISOString() })
    .add({ version: 1 })
    .go({ table: config.tableName });
}

/**
 * API requests the organization made in `[start, end]` (UTC dates, `YYYY-MM-DD`), as API Gateway counted
 * them on its usage-plan keys (GetUsage; locally the gateway's limiter answers it). Keys revoked since no
 * longer count: their usage keys are deleted with them. API Gateway's usage data may lag a few minutes.
 */
export async function organizationApiRequests(
  tenantId: string,
  period: { start: string; end: string },
): Promise<number> {
  const plan = await organizationPlanId(tenantId);
  if (plan === null) return 0;
  const usagePlanId = await planIdOf(plan);
  let total = 0;
  for (const keyId of await usageKeyIdsOf(tenantId)) {
    let position: string | undefined;
    do {
      const page = await apiGateway().send(
        new GetUsageCommand({ usagePlanId, keyId, startDate: period.start, endDate: period.end, position }),
      );
      for (const days of Object.values(page.items ?? {}))
        for (const [used] of days) total += Number(used ?? 0);
      position = page.position;
    } while (position);
  }
  return total;
}

/**
 * Every organization, a page at a time (the monthly invoice job walks them): id, name, plan, owner and
 * lifecycle status (`pending_deletion` during the 30 days before its purge).
 */
export async function* everyOrganization(): AsyncGenerator<{
  orgId: string;
  name: string;
  plan: string;
  ownerEmail: string;
  status: 'active' | 'pending_deletion';
}> {
  let cursor: string | null = null;
  do {
    const page: {
      data: {
        orgId: string;
        name: string;
        plan: string;
        ownerEmail: string;
        status?: 'active' | 'pending_deletion';
      }[];
      cursor: string | null;
    } = await organizations.query.all({}).go({
      table: config.tableName,
      cursor,
      limit: 100,
      attributes: ['orgId', 'name', 'plan', 'ownerEmail', 'status'],
    });
    // Organizations older than the lifecycle have no status: they are active.
    for (const organization of page.data) yield { ...organization, status: organization.status ?? 'active' };
    cursor = page.cursor;
  } while (cursor);
}
