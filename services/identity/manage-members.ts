import { flushAuthorizerCache } from '#services/identity/authorizer-cache';
import { moveToRoleGroup, removeCognitoUser } from '#services/identity/cognito-membership';
import { storedRole } from '#services/identity/events';
import { findInvitation, withdrawInvitation } from '#services/identity/manage-invitations';
import { invitations, type MemberItem, members } from '#services/identity/store';
import { OWNER_ROLE, requireOwnerAuthority, requireRoleAuthority } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete, asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

const OWNER = OWNER_ROLE;

/**
 * Which people a lookup sees and what its 404 names. Seed 1's `/users` routes see the people who joined
 * (the invited are its `/invitations`); seed 4's `…/members` routes see `pending_invite` members too.
 */
export interface MemberLookup {
  /** The request field a 404 names. */
  param?: string;
  /** Whether `pending_invite` members are found (seed 4's member paths). */
  includePending?: boolean;
}

/**
 * The member `userId` of `tenantId`.
 * @throws NotFoundError (404, `param`) when there is none, or it is pending and the lookup sees no pending.
 */
export async function findMember(
  tenantId: string,
  userId: string,
  { param = 'id', includePending = false }: MemberLookup = {},
): Promise<MemberItem> {
  const { data } = await members.get({ tenantId, userId }).go({ table: config.tableName });
  if (!data || (data.status === 'pending_invite' && !includePending))
    throw new NotFoundError('No such user', param);
  return data;
}

/**
 * Oldest first: the founding owner leads the list. Seed 4's list (`includePending`) shows invited people
 * as `pending_invite`; seed 1's leaves them to the invitations list, reading on until a page is full.
 */
export async function listMembers(
  tenantId: string,
  page: { limit: number; position: string | null },
  { includePending = false }: Pick<MemberLookup, 'includePending'> = {},
) {
  const query = members.query.byTenant({ tenantId });
  const { data, cursor } = await (includePending
    ? query
    : query.where(({ status }, { ne }) => ne(status, 'pending_invite'))
  ).go({
    table: config.tableName,
    ...(includePending ? { limit: page.limit } : { count: page.limit }),
    cursor: page.position,
    order: 'asc',
  });
  return { items: data, position: cursor };
}

/**
 * Demoting or removing an owner needs owner authority and another active owner. The returned condition
 * check commits with the change, so two owners demoting each other at once cannot both succeed.
 */
async function keepAnOwner(actor: Identity, target: MemberItem, param: string): Promise<TransactItem[]> {
  if (target.role !== OWNER) return [];
  requireOwnerAuthority(actor, 'Only an owner can take the owner role away');
  const { data } = await members.query
    .byTenant({ tenantId: target.tenantId })
    .where(({ role, status }, { eq }) => `${eq(role, OWNER)} AND ${eq(status, 'active')}`)
    .go({ table: config.tableName, pages: 'all' });
  const other = data.find((owner) => owner.userId !== target.userId);
  if (!other) throw lastOwner(param);
  const { Key, TableName } = members
    .get({ tenantId: other.tenantId, userId: other.userId })
    .params({ table: config.tableName }) as { Key: Record<string, unknown>; TableName: string };
  return [
    {
      ConditionCheck: {
        TableName,
        Key,
        ConditionExpression: '#role = :owner AND #status = :active',
        ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
        ExpressionAttributeValues: { ':owner': OWNER, ':active': 'active' },
      },
    },
  ];
}

function lastOwner(param: string): ConflictError {
  return new ConflictError('This is the organization’s last owner: make someone else an owner first', param);
}

async function commitMemberChange(
  writes: TransactItem[],
  guard: TransactItem[],
  event: DomainEvent,
  params: { owner: string; id: string },
): Promise<void> {
  try {
    await commitWithEvents([...writes, ...guard], [event]);
  } catch (error) {
    if (error instanceof WriteConflict && guard.length > 0 && error.failedIndexes.includes(writes.length))
      throw lastOwner(params.owner);
    // A condition that failed, or a transaction that collided with another on the same members.
    if (
      error instanceof WriteConflict ||
      (error instanceof Error && error.name === 'TransactionCanceledException')
    )
      throw new ConflictError('The user changed meanwhile; fetch it again and retry', params.id);
    throw error;
  }
}

/**
 * A `pending_invite` member's new role: the member record and its invitation change together, so the
 * person joins with the role they are listed with. Nobody is signed in yet: no group, no cache to touch.
 */
async function changePendingRole(
  actor: Identity,
  current: MemberItem,
  role: string,
  param: string,
  now: Date,
): Promise<MemberItem> {
  const { tenantId, userId } = current;
  const writes = [
    asUpdate(
      members
        .patch({ tenantId, userId })
        .set({ role })
        .where(
          ({ role: stored, status }, { eq }) =>
            `${eq(stored, current.role)} AND ${eq(status, 'pending_invite')}`,
        )
        .params({ table: config.tableName }),
    ),
  ];
  if (current.invitationId)
    writes.push(
      asUpdate(
        invitations
          .patch({ tenantId, invitationId: current.invitationId })
          .set({ role })
          .where(({ status }, { eq }) => eq(status, 'pending'))
          .params({ table: config.tableName }),
      ),
    );
  const event = domainEvent(
    'user.role_changed',
    { ...actor, tenantId },
    {
      user: { id: userId, email: current.email },
      previous_role: storedRole(current.role),
      role: storedRole(role),
    },
    now,
  );
  await commitMemberChange(writes, [], event, { owner: 'role', id: param });
  return { ...current, role };
}

/**
 * Gives a member another role (seed 1's `PATCH /users/{id}`, seed 4's `PATCH …/members/{user_id}`); a
 * `pending_invite` member's invitation takes the role too.
 * @throws NotFoundError (404); PermissionError (403) unless the caller may hand out both the current and
 * the new role (shared/auth/authority.ts); ConflictError (409) for the last owner or a concurrent change.
 */
export async function changeMemberRole(
  actor: Identity,
  tenantId: string,
  userId: string,
  role: string,
  lookup: MemberLookup = {},
  now = new Date(),
): Promise<MemberItem> {
  const param = lookup.param ?? 'id';
  const current = await findMember(tenantId, userId, lookup);
  // Both ends of the change: nobody lifts a person above, or takes down a person beyond, their own authority.
  requireRoleAuthority(actor, current.role, 'This user’s role cannot be changed');
  requireRoleAuthority(actor, role, `The role ${role} cannot be given`);
  if (current.status === 'pending_invite')
    return current.role === role ? current : changePendingRole(actor, current, role, param, now);
  if (current.role === role) {
    // Nothing to commit; the group is put right in case an earlier move failed half-way.
    await moveToRoleGroup(current.email, role, role);
    return current;
  }
  const guard = await keepAnOwner(actor, current, 'role');
  const update = members
    .patch({ tenantId, userId })
    .set({ role })
    .where(({ role: stored }, { eq }) => eq(stored, current.role))
    .params({ table: config.tableName });
  const event = domainEvent(
    'user.role_changed',
    { ...actor, tenantId },
    {
      user: { id: userId, email: current.email },
      previous_role: storedRole(current.role),
      role: storedRole(role),
    },
    now,
  );
  await commitMemberChange([asUpdate(update)], guard, event, { owner: 'role', id: param });
  await flushAuthorizerCache();
  // The authorizer reads the role from the member record; the group only mirrors it.
  await moveToRoleGroup(current.email, current.role, role).catch((error: unknown) =>
    logger.error('Could not move the user to the new role group', { userId, error: error as Error }),
  );
  return { ...current, role };
}

/**
 * Removes a member and deletes their sign-in; removing a `pending_invite` member revokes their invitation.
 * @throws NotFoundError (404); PermissionError (403) unless the caller may hand out the member's role;
 * ConflictError (409) for the last owner, a concurrent change, or an invitation accepted meanwhile.
 */
export async function removeMember(
  actor: Identity,
  tenantId: string,
  userId: string,
  lookup: MemberLookup = {},
  now = new Date(),
): Promise<void> {
  const param = lookup.param ?? 'id';
  const current = await findMember(tenantId, userId, lookup);
  requireRoleAuthority(actor, current.role, 'This user cannot be removed');
  if (current.status === 'pending_invite') {
    const invitation = current.invitationId
      ? await findInvitation(tenantId, current.invitationId, param).catch(() => undefined)
      : undefined;
    if (invitation?.status === 'pending') return withdrawInvitation(actor, invitation, current, param, now);
    // A pending member whose invitation is gone: only the record goes; there is no sign-in to delete.
    const remove = members
      .delete({ tenantId, userId })
      .where(({ status }, { eq }) => eq(status, 'pending_invite'))
      .params({ table: config.tableName });
    const event = domainEvent(
      'user.removed',
      { ...actor, tenantId },
      { user: { id: userId, email: current.email, role: storedRole(current.role) } },
      now,
    );
    return commitMemberChange([asDelete(remove)], [], event, { owner: param, id: param });
  }
  const guard = await keepAnOwner(actor, current, param);
  const remove = asDelete(
    members
      .delete({ tenantId, userId })
      .where(({ role }, { eq }) => eq(role, current.role))
      .params({ table: config.tableName }),
  );
  const event = domainEvent(
    'user.removed',
    { ...actor, tenantId },
    { user: { id: userId, email: current.email, role: storedRole(current.role) } },
    now,
  );
  await commitMemberChange([remove], guard, event, { owner: param, id: param });
  await flushAuthorizerCache();
  // Without a member record the authorizer refuses the person's tokens; the sign-in itself goes too.
  await removeCognitoUser(current.email, tenantId, current.role).catch((error: unknown) =>
    logger.error('Could not delete the removed user’s sign-in', { userId, error: error as Error }),
  );
}
