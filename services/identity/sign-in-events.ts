import { OPERATOR_GROUP, OPERATOR_TENANT } from '#services/identity/authorize';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import { type MemberItem, members } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

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
 * Refuses a token Cognito just issued (sign-in or refresh) to a member of an organization pending
 * deletion, before it is handed out. Operators and people of no organization pass.
 * @throws PermissionError (403) naming the reason.
 */
export async function refuseTokenOfDeletedOrganization(accessToken: string): Promise<void> {
  const claims = claimsOf(accessToken);
  if ((claims['cognito:groups'] ?? []).includes(OPERATOR_GROUP)) return;
  const { data } = await members.query
    .bySub({ cognitoSub: String(claims.sub ?? '') })
    .go({ table: config.tableName, limit: 1, attributes: ['tenantId'] });
  if (data[0]) await refuseIfPendingDeletion(data[0].tenantId, 'sign_in');
}

/**
 * Stamps the member's `lastLoginAt` (shown as `last_login` by seed 1's and seed 4's member views). The
 * stamp is a convenience: when the write fails the sign-in still succeeds, and the failure is logged.
 */
async function stampLastLogin(member: MemberItem, now: Date): Promise<void> {
  await members
    .patch({ tenantId: member.tenantId, userId: member.userId })
    .set({ lastLoginAt: now.toISOString() })
    .go({ table: config.tableName, response: 'none' })
    .catch((error: unknown) =>
      logger.warn('Could not record the last sign-in', { userId: member.userId, error: error as Error }),
    );
}

/**
 * Records a sign-in in the log of the tenant it signs in to: the member's organization (the one the
 * authorizer will resolve the token to), or the platform's for an operator, and stamps the member's
 * `last_login`. The token was just issued by Cognito to this very request, so its claims are read without
 * verifying it again.
 * @throws when the audit event cannot be written (the token is then not handed out); never for the stamp.
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
    if (member) await stampLastLogin(member, now);
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
  // An invited person (`pending_invite`) has no sign-in of that organization to fail.
  const { data } = await members.query
    .byEmail({ email })
    .where(({ status }, { ne }) => ne(status, 'pending_invite'))
    .go({ table: config.tableName, count: MAX_ORGANIZATIONS_TOLD });
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
