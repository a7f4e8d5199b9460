import { describe, expect, it } from 'vitest';
import { issueDevelopmentCredential, verifyDevelopmentCredential } from '#shared/auth/development-credential';
import { hasScope, identityFromContext, identityToContext } from '#shared/auth/identity';

const claims = { tenantId: 'org_A', principalId: 'usr_1', role: 'admin', scopes: ['accounts:read'] };

describe('development credentials', () => {
  it('carry their identity when verified with the secret that signed them', () => {
    const token = issueDevelopmentCredential(claims, 'secret');

    expect(verifyDevelopmentCredential(token, 'secret')).toEqual({ ...claims, principalType: 'development' });
  });

  it('are refused with another secret, or where no secret is configured (as in AWS)', () => {
    const token = issueDevelopmentCredential(claims, 'secret');

    expect(verifyDevelopmentCredential(token, 'other')).toBeUndefined();
    expect(verifyDevelopmentCredential(token, undefined)).toBeUndefined();
  });

  it('are refused when the claims were edited', () => {
    const token = issueDevelopmentCredential(claims, 'secret');
    const [payload, signature] = token.slice('tcdev_'.length).split('.');
    const edited = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as typeof claims;
    edited.tenantId = 'org_B';

    const forged = `tcdev_${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;

    expect(verifyDevelopmentCredential(forged, 'secret')).toBeUndefined();
  });
});

describe('authorizer context', () => {
  it('round-trips an identity through the string-only context API Gateway passes on', () => {
    const identity = {
      ...claims,
      principalType: 'api_key' as const,
      scopes: ['accounts:read', 'documents:write'],
    };

    expect(identityFromContext(identityToContext(identity))).toEqual(identity);
  });

  it('yields no identity from an incomplete context', () => {
    expect(identityFromContext({ tenantId: 'org_A' })).toBeUndefined();
    expect(identityFromContext(null)).toBeUndefined();
  });

  it('grants a scope by itself, by its resource wildcard or by *', () => {
    expect(hasScope(['accounts:read'], 'accounts:read')).toBe(true);
    expect(hasScope(['accounts:*'], 'accounts:write')).toBe(true);
    expect(hasScope(['*'], 'documents:write')).toBe(true);
    expect(hasScope(['accounts:read'], 'accounts:write')).toBe(false);
    expect(hasScope(['documents:*'], 'accounts:read')).toBe(false);
  });
});
