import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

// TEMPORARY: the orgs helper's `organizationSlug`/`tenantOfSlug` (services/identity/public.ts) and the
// billing helper's `planOf` (services/billing/public.ts) replace these once on main. Until then they read
// the organization item (`<orgId>#organization` / `organization`) by key, as access-requests does.

async function organizationItem(tenantId: string): Promise<Record<string, unknown> | null> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: config.tableName,
      Key: { pk: `${tenantId}#organization`, sk: 'organization' },
      ProjectionExpression: 'slug, #plan',
      ExpressionAttributeNames: { '#plan': 'plan' },
    }),
  );
  return Item ?? null;
}

/** The tenant's slug (a DNS label), or null when there is no such organization. */
export async function organizationSlug(tenantId: string): Promise<string | null> {
  const item = await organizationItem(tenantId);
  return typeof item?.slug === 'string' ? item.slug : null;
}

/** The tenant whose slug this is, or null. */
export async function tenantOfSlug(slug: string): Promise<string | null> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :all',
        FilterExpression: 'slug = :slug',
        ExpressionAttributeValues: { ':all': 'organizations', ':slug': slug },
        ExclusiveStartKey: start,
      }),
    );
    const found = page.Items?.find((item) => typeof item.pk === 'string');
    if (found) return String(found.pk).replace(/#organization$/, '');
    start = page.LastEvaluatedKey;
  } while (start);
  return null;
}

/** Whether the tenant's plan includes custom domains: every plan but `free` (and a tenant with no organization). */
export async function customDomainsAllowed(tenantId: string): Promise<boolean> {
  const item = await organizationItem(tenantId);
  return typeof item?.plan === 'string' && item.plan !== 'free';
}

export { organizationName } from '#services/identity/public';
