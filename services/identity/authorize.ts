import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { ipAllowed } from '#services/identity/ip-allowlist';
import { ORGANIZATION_IP_NOT_ALLOWED, organizationVerdict } from '#services/identity/organization-gate';
import { API_KEY_PREFIX, sameHash, sha256 } from '#services/identity/secrets';
import { apiKeys, members } from '#services/identity/store';
import { ensureUsageKey } from '#services/identity/usage-keys';
import { type Identity, identityToContext } from '#shared/auth/identity';
import { OPERATOR_GROUP, ROLES, type Role } from '#shared/auth/scopes';
import { config } from '#shared/config';
import { headerValue } from '#shared/http/headers';
import { viewerAddress } from '#shared/net/viewer-address';
import { logger } from '#shared/observability/logger';

/** API Gateway turns this exact message into a 401; any other failure becomes a 500. */
export const UNAUTHORIZED = 'Unauthorized';
export { OPERATOR_GROUP };
/** Operators act on no tenant of their own; routes that take an org id address one explicitly. */
export const OPERATOR_TENANT = 'platform';

function bearerToken(event: APIGatewayRequestAuthorizerEvent): string | undefined {
  return headerValue(event.headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

let verifier: ReturnType<typeof createVerifier> | undefined;
/** The library fetches only over https; the local platform's emulator serves its keys over http. */
const plainFetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    return response.arrayBuffer();
  },
};

function createVerifier() {
  const issuer = `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const localJwks = config.jwksUri;
  return JwtRsaVerifier.create(
    {
      issuer,
      audience: null,
      jwksUri: localJwks ?? `${issuer}/.well-known/jwks.json`,
      // What CognitoJwtVerifier checks for access tokens; done here so the local pool id format works too.
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('Not an access token');
        if (payload.client_id !== config.userPoolClientId) throw new Error('Token issued to another client');
      },
    },
    localJwks ? { jwksCache: new SimpleJwksCache({ fetcher: plainFetcher }) } : undefined,
  );
}

type Caller = Identity & { usageKey?: string };

/**
 * A genuine credential used from an address its IP allowlist does not cover: told so (403), not "invalid
 * token" (401), so its owner knows what to fix. The message names no address and no list.
 */
export const IP_NOT_ALLOWED =
  'This credential may not be used from your IP address (its IP allowlist does not include it)';
export interface Refusal {
  refused: string;
}

/** The tier with the highest rate: operators are throttled, but by the most generous plan. */
function operatorPlan(): string | undefined {
  return Object.entries(config.planTiers).sort(([, a], [, b]) => b.rateLimit - a.rateLimit)[0]?.[0];
}

/** The operators' shared meter, on the most generous tier (people and platform keys alike). */
async function operatorUsageKey(): Promise<string | undefined> {
  const plan = operatorPlan();
  return plan
    ? usageKeyOr(() => ensureUsageKey({ pk: 'platform#usage', sk: 'operators' }, 'platform operators', plan))
    : undefined;
}

/** A failure to meter must not become a 500 for every caller: without a key API Gateway answers 403. */
async function usageKeyOr(undefinedOnError: () => Promise<string>): Promise<string | undefined> {
  try {
    return await undefinedOnError();
  } catch (error) {
    logger.error('Could not get a usage key', { error: error as Error });
    return undefined;
  }
}

async function userIdentity(token: string, address: string): Promise<Caller | Refusal | undefined> {
  verifier ??= createVerifier();
  let payload: Awaited<ReturnType<typeof verifier.verify>>;
  try {
    payload = await verifier.verify(token);
  } catch {
    return undefined;
  }
  const groups = (payload['cognito:groups'] as string[] | undefined) ?? [];
  const sub = String(payload.sub);
  if (groups.includes(OPERATOR_GROUP)) {
    const usageKey = await operatorUsageKey();
    return {
      tenantId: OPERATOR_TENANT,
      principalId: sub,
      principalType: 'operator',
      role: OPERATOR_GROUP,
      scopes: ['*'],
      usageKey,
    };
  }
  const { data } = await members.query.bySub({ cognitoSub: sub }).go({ table: config.tableName, limit: 1 });
  const member = data[0];
  if (member?.status !== 'active') return undefined;
  const role = ROLES[member.role as Role];
  if (!role) return undefined;
  const verdict = await organizationVerdict(member.tenantId, address);
  if (verdict.kind === 'refused') return { refused: ORGANIZATION_IP_NOT_ALLOWED };
  if (verdict.kind === 'gone' || verdict.plan === undefined) return undefined;
  const { plan } = verdict;
  // A tenant's signed-in people share one usage key, metered against the tenant's plan.
  const usageKey = await usageKeyOr(() =>
    ensureUsageKey(
      { pk: `${member.tenantId}#organization`, sk: 'organization' },
      `${member.tenantId} sessions`,
      plan,
    ),
  );
  return {
    tenantId: member.tenantId,
    principalId: member.userId,
    principalType: 'user',
    role: member.role,
    scopes: role.scopes,
    usageKey,
  };
}

async function apiKeyIdentity(
  secret: string,
  sourceIp: string,
  now: Date,
): Promise<Caller | Refusal | undefined> {
  const hash = sha256(secret);
  const current = await apiKeys.query
    .bySecret({ secretHash: hash })
    .go({ table: config.tableName, limit: 1 });
  let key = current.data[0];
  if (!key) {
    // A rotated key's previous secret keeps working until its grace window closes.
    const previous = await apiKeys.query
      .byPreviousSecret({ previousSecretHash: hash })
      .go({ table: config.tableName, limit: 1 });
    const candidate = previous.data[0];
    if (!candidate?.previousSecretExpiresAt || new Date(candidate.previousSecretExpiresAt) <= now)
      return undefined;
    if (!candidate.previousSecretHash || !sameHash(candidate.previousSecretHash, hash)) return undefined;
    key = candidate;
  } else if (!sameHash(key.secretHash, hash)) {
    return undefined;
  }
  if (key.revokedAt) return undefined;
  if (key.expiresAt && new Date(key.expiresAt) <= now) return undefined;
  if (!ipAllowed(key.ipAllowlist, sourceIp)) return { refused: IP_NOT_ALLOWED };
  if (key.tenantId !== OPERATOR_TENANT) {
    const verdict = await organizationVerdict(key.tenantId, sourceIp);
    if (verdict.kind === 'gone') return undefined;
    if (verdict.kind === 'refused') return { refused: ORGANIZATION_IP_NOT_ALLOWED };
  }
  // Its use is counted from the access log, off the request path (services/billing/fold-api-usage.ts): a
  // write here would run only when API Gateway's cache misses, and would make every such request wait.
  if (key.tenantId === OPERATOR_TENANT) {
    // A platform key (seed 3's admin API key) acts as an operator, limited to its scopes, metered with the
    // operators on the most generous tier.
    return {
      tenantId: OPERATOR_TENANT,
      principalId: key.keyId,
      principalType: 'operator',
      role: OPERATOR_GROUP,
      scopes: key.scopes,
      usageKey: await operatorUsageKey(),
    };
  }
  return {
    tenantId: key.tenantId,
    principalId: key.keyId,
    principalType: 'api_key',
    role: key.role ?? key.keyType ?? 'custom',
    scopes: key.scopes,
    usageKey: key.usageKeyValue,
  };
}

/** Who is calling: an API key, a Cognito access token, or (where enabled) a development credential. */
export async function resolveIdentity(
  event: APIGatewayRequestAuthorizerEvent,
  now = new Date(),
): Promise<Caller | Refusal | undefined> {
  const token = bearerToken(event);
  if (!token) return undefined;
  // Behind CloudFront, the viewer's own address (shared/net/viewer-address.ts), else API Gateway's.
  const address = await viewerAddress(event.headers, event.requestContext?.identity?.sourceIp ?? '');
  if (token.startsWith(API_KEY_PREFIX)) return apiKeyIdentity(token, address, now);
  // Development credentials exist only where their secret is set (never in AWS): their check, and the
  // validation library it uses, stay out of the authorizer's cold start.
  const secret = config.developmentCredentialSecret;
  const development = secret
    ? (await import('#shared/auth/development-credential')).verifyDevelopmentCredential(token, secret)
    : undefined;
  if (development) {
    if (development.principalType === 'operator') return development;
    const verdict = await organizationVerdict(development.tenantId, address);
    if (verdict.kind === 'gone') return undefined;
    return verdict.kind === 'refused' ? { refused: ORGANIZATION_IP_NOT_ALLOWED } : development;
  }
  if (token.split('.').length === 3) return userIdentity(token, address);
  return undefined;
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
  const caller = await resolveIdentity(event);
  if (!caller) throw new Error(UNAUTHORIZED);
  if ('refused' in caller) {
    // A Deny is a 403; the AccessDenied gateway response shows `context.message`.
    return {
      principalId: 'refused',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: stageWildcard(event.methodArn) },
        ],
      },
      context: { message: caller.refused },
    };
  }
  const { usageKey, ...identity } = caller;
  return {
    principalId: identity.principalId,
    // Selects the usage plan that throttles this credential (the REST API's apiKeySourceType is AUTHORIZER).
    ...(usageKey ? { usageIdentifierKey: usageKey } : {}),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWildcard(event.methodArn) },
      ],
    },
    context: identityToContext(identity),
  };
}
