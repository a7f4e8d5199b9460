import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '#shared/auth/identity';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/**
 * Who a watermark names: a person's email, else the credential's id (an API key, an operator, or a
 * person whose member record is not found). The email is read by key from the identity service's member
 * record (`<tenantId>#member` / `<userId>`, one GetItem with a projection): the authorizer context carries
 * no email, and services do not import each other.
 */
export async function viewerOf(identity: Identity): Promise<string> {
  if (identity.principalType !== 'user' && identity.principalType !== 'development') {
    return identity.principalId;
  }
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: config.tableName,
      Key: { pk: `${identity.tenantId}#member`, sk: identity.principalId },
      ProjectionExpression: 'email',
    }),
  );
  return typeof Item?.email === 'string' && Item.email.length > 0 ? Item.email : identity.principalId;
}
