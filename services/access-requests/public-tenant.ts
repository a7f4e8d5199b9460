import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publicTrustCenter } from '#services/brand/public';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/**
 * The organization's name, read by key from the identity service's organization item
 * (`<orgId>#organization` / `organization`), or null when there is no such organization.
 */
export async function organizationName(tenantId: string): Promise<string | null> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: config.tableName,
      Key: { pk: `${tenantId}#organization`, sk: 'organization' },
      ProjectionExpression: '#name',
      ExpressionAttributeNames: { '#name': 'name' },
    }),
  );
  if (!Item) return null;
  return typeof Item.name === 'string' ? Item.name : '';
}

/**
 * The tenant of a public request: the trust center of the viewer's host (services/brand/public.ts). The
 * `org_id` a form or query may still name is deprecated (accepted for one release): on a trust center's
 * host it must name that trust center, else 404.
 */
export async function publicTenant(
  headers: Readonly<Record<string, string>>,
  orgId: string | undefined,
): Promise<{ tenantId: string; name: string }> {
  return publicTrustCenter(headers, orgId);
}
