import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { NotFoundError } from '#shared/errors';

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
 * The tenant of a public request. Visitors carry no credential, so the trust center's form names its
 * organization (`org_id`); it must exist. This is the one place a tenant id comes from the request; a
 * host-name mapping (`DOMAIN#host`, from the brand's deployment domains) can replace it once it exists.
 */
export async function publicTenant(orgId: string): Promise<{ tenantId: string; name: string }> {
  const name = await organizationName(orgId);
  if (name === null) throw new NotFoundError('No such trust center', 'org_id');
  return { tenantId: orgId, name };
}
