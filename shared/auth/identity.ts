/**
 * Who is calling, as the authorizer established it. Handlers read identity only from here, never from
 * the request: tenant-scoped data is never addressed by a tenant id taken from the path or the body.
 */
export interface Identity {
  tenantId: string;
  principalId: string;
  principalType: 'user' | 'api_key' | 'operator' | 'development';
  role: string;
  scopes: readonly string[];
  /** Where the request came from; set by the pipeline for the audit trail, never by the authorizer. */
  source?: { ip: string; userAgent?: string };
}

/**
 * API Gateway passes authorizer context values as strings, numbers or booleans only, so scopes travel
 * as one space-separated string (as in OAuth).
 */
export type AuthorizerContext = Record<string, string | number | boolean>;

export function identityToContext(identity: Identity): AuthorizerContext {
  return {
    tenantId: identity.tenantId,
    principalId: identity.principalId,
    principalType: identity.principalType,
    role: identity.role,
    scopes: identity.scopes.join(' '),
  };
}

const principalTypes = new Set(['user', 'api_key', 'operator', 'development']);

export function identityFromContext(
  context: Record<string, unknown> | null | undefined,
): Identity | undefined {
  if (!context) return undefined;
  const { tenantId, principalId, principalType, role, scopes } = context;
  if (typeof tenantId !== 'string' || typeof principalId !== 'string' || typeof role !== 'string')
    return undefined;
  if (typeof principalType !== 'string' || !principalTypes.has(principalType)) return undefined;
  return {
    tenantId,
    principalId,
    principalType: principalType as Identity['principalType'],
    role,
    scopes: typeof scopes === 'string' && scopes.length > 0 ? scopes.split(' ') : [],
  };
}

/** `accounts:read` is granted by itself, by `accounts:*` and by `*`. */
export function hasScope(granted: readonly string[], required: string): boolean {
  const [resource] = required.split(':');
  return granted.includes(required) || granted.includes(`${resource}:*`) || granted.includes('*');
}
