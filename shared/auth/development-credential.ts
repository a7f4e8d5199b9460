import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Identity } from '#shared/auth/identity';

/**
 * A development credential stands in for real sign-in until the identity service exists: an HMAC-signed
 * token naming a tenant, a role and scopes. It is accepted only where `TC_DEV_CREDENTIAL_SECRET` is set
 * (the local platform sets it; a deployment does not), so in AWS it opens nothing.
 */
const PREFIX = 'tcdev_';

const claimsSchema = z.object({
  tenantId: z.string().min(1),
  principalId: z.string().min(1),
  role: z.string().min(1),
  scopes: z.array(z.string()),
  /** Stands in for a platform operator's sign-in. */
  operator: z.boolean().optional(),
});

export type DevelopmentClaims = z.infer<typeof claimsSchema>;

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function issueDevelopmentCredential(claims: DevelopmentClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}${payload}.${sign(payload, secret)}`;
}

/** The identity a development credential carries, or undefined when it is not one or is not genuine. */
export function verifyDevelopmentCredential(token: string, secret: string | undefined): Identity | undefined {
  if (!secret || !token.startsWith(PREFIX)) return undefined;
  const [payload, signature, ...rest] = token.slice(PREFIX.length).split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success) return undefined;
  const { operator, ...identity } = claims.data;
  return { ...identity, principalType: operator ? 'operator' : 'development' };
}
