import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { verifyDevelopmentCredential } from '#shared/auth/development-credential';
import { type Identity, identityToContext } from '#shared/auth/identity';
import { config } from '#shared/config';

/** API Gateway turns this exact message into a 401; any other failure becomes a 500. */
export const UNAUTHORIZED = 'Unauthorized';

function bearerToken(event: APIGatewayRequestAuthorizerEvent): string | undefined {
  const header = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'authorization',
  )?.[1];
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Resolves the caller of a REQUEST authorizer event. Until the identity service exists only development
 * credentials are known, and only where their secret is configured (the local platform).
 */
export function resolveIdentity(event: APIGatewayRequestAuthorizerEvent): Identity | undefined {
  const token = bearerToken(event);
  if (!token) return undefined;
  return verifyDevelopmentCredential(token, config.developmentCredentialSecret);
}

/** The policy covers every method of the stage, because API Gateway caches it per credential. */
function stageWildcard(methodArn: string): string {
  // arn:aws:execute-api:region:account:apiId/stage/METHOD/resource…
  const [apiArn, stage] = methodArn.split('/');
  return `${apiArn}/${stage}/*/*`;
}

export async function authorize(
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  const identity = resolveIdentity(event);
  if (!identity) throw new Error(UNAUTHORIZED);
  return {
    principalId: identity.principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWildcard(event.methodArn) },
      ],
    },
    context: identityToContext(identity),
  };
}
