import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

export { organizationName, organizationSlug, tenantOfSlug } from '#services/identity/public';

// TEMPORARY: the billing helper's `planOf` (services/billing/public.ts, `features.custom_domains`) replaces
// this once it is on main. Until then the plan is read from the organization item by key
// (`<orgId>#organization` / `organization`), as access-requests reads the name.

/** Whether the tenant's plan includes custom domains: every plan but `free` (and a tenant with no organization). */
export async function customDomainsAllowed(tenantId: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: config.tableName,
      Key: { pk: `${tenantId}#organization`, sk: 'organization' },
      ProjectionExpression: '#plan',
      ExpressionAttributeNames: { '#plan': 'plan' },
    }),
  );
  return typeof Item?.plan === 'string' && Item.plan !== 'free';
}
