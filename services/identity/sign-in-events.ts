import { OPERATOR_GROUP, OPERATOR_TENANT } from '#services/identity/authorize';
import { members } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';

/** Where a sign-in came from: the audit trail's IP and user agent. */
export interface SignInSource {
  ip: string;
  userAgent?: string;
}

/** A member can belong to several organizations; a refused sign-in is told to each, up to this many. */
const MAX_ORGANIZATIONS_TOLD = 10;

function claimsOf(accessToken: string): { sub?: string; 'cognito:groups'?: string[] } {
  try {
    return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString());
  } catch {
    return {};
  }
}

function signer(
  tenantId: string,
  principalId: string,
  principalType: Identity['principalType'],
  role: string,
  source: SignInSource,
): Identity {
  return { tenantId, principalId, principalType, role, scopes: [], source };
}

/**
 * Records a sign-in in the log of the tenant it signs in to: the member's organization (the one the
 * authorizer will resolve the token to), or the platform's for an operator. The token was just issued
 * by Cognito to this very request, so its claims are read without verifying it again.
 */
export async function recordSignIn(
  accessToken: string,
  email: string,
  source: SignInSource,
  now = new Date(),
): Promise<void> {
  const claims = claimsOf(accessToken);
  const sub = String(claims.sub ?? '');
  let actor: Identity;
  if ((claims['cognito:groups'] ?? []).includes(OPERATOR_GROUP)) {
    actor = signer(OPERATOR_TENANT, sub, 'operator', OPERATOR_GROUP, source);
  } else {
    const { data } = await members.query.bySub({ cognitoSub: sub }).go({ table: config.tableName, limit: 1 });
    const member = data[0];
    // A person with no membership signed in to nothing: the platform's log keeps it.
    actor = member
      ? signer(member.tenantId, member.userId, 'user', member.role, source)
      : signer(OPERATOR_TENANT, sub, 'user', 'none', source);
  }
  await commitWithEvents(
    [],
    [domainEvent('auth.login_succeeded', actor, { user: { id: actor.principalId, email } }, now)],
  );
}

/**
 * Records a refused sign-in (never the password) in every organization the email belongs to. An email
 * that belongs to none (a typo, an operator, or someone guessing) goes to the platform's log, which
 * operators read, with the actor `anonymous`: no tenant learns of it, and nothing tenant-scoped grows.
 */
export async function recordFailedSignIn(
  email: string,
  source: SignInSource,
  now = new Date(),
): Promise<void> {
  const { data } = await members.query
    .byEmail({ email })
    .go({ table: config.tableName, limit: MAX_ORGANIZATIONS_TOLD });
  const reason = 'invalid_credentials' as const;
  const events =
    data.length > 0
      ? data.map((member) =>
          domainEvent(
            'auth.login_failed',
            signer(member.tenantId, member.userId, 'user', member.role, source),
            { user: { id: member.userId, email }, reason },
            now,
          ),
        )
      : [
          domainEvent(
            'auth.login_failed',
            signer(OPERATOR_TENANT, 'anonymous', 'user', 'none', source),
            { user: { id: null, email }, reason },
            now,
          ),
        ];
  await commitWithEvents([], events);
}
