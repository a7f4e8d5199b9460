import { flushAuthorizerCache } from '#services/identity/authorizer-cache';
import { moveToRoleGroup, removeCognitoUser } from '#services/identity/cognito-membership';
import { type MemberItem, members } from '#services/identity/store';
import { OWNER_ROLE, requireOwnerAuthority, requireRoleAuthority } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete, asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { logger } from '#shared/observability/logger';

const OWNER = OWNER_ROLE;

export async function findMember(tenantId: string, userId: string, param = 'id'): Promise<MemberItem> {
  const { data } = await members.get({ tenantId, userId }).go({ table: config.tableName });
  if (!data) throw new NotFoundError('No such user', param);
  return data;
}

/** Oldest first: the founding owner leads the list. */
export async function listMembers(tenantId: string, page: { limit: number; position: string | null }) {
  const { data, cursor } = await members.query
    .byTenant({ tenantId })
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'asc' });
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
  write: TransactItem,
  guard: TransactItem[],
  event: DomainEvent,
  params: { owner: string; id: string },
): Promise<void> {
  try {
    await commitWithEvents([write, ...guard], [event]);
  } catch (error) {
    if (error instanceof WriteConflict && error.failedIndexes.includes(1)) throw lastOwner(params.owner);
    // A condition that failed, or a transaction that collided with another on the same members.
    if (
      error instanceof WriteConflict ||
      (error instanceof Error && error.name === 'TransactionCanceledException')
    )
      throw new ConflictError('The user changed meanwhile; fetch it again and retry', params.id);
    throw error;
  }
}

export async function changeMemberRole(
  actor: Identity,
  tenantId: string,
  userId: string,
  role: string,
  param = 'id',
  now = new Date(),
): Promise<MemberItem> {
  const current = await findMember(tenantId, userId, param);
  // Both ends of the change: nobody lifts a person above, or takes down a person beyond, their own authority.
  requireRoleAuthority(actor, current.role, 'This user’s role cannot be changed');
  requireRoleAuthority(actor, role, `The role ${role} cannot be given`);
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
    { user: { id: userId, email: current.email }, previous_role: current.role, role },
    now,
  );
  await commitMemberChange(asUpdate(update), guard, event, { owner: 'role', id: param });
  await flushAuthorizerCache();
  // The authorizer reads the role from the member record; the group only mirrors it.
  await moveToRoleGroup(current.email, current.role, role).catch((error: unknown) =>
    logger.error('Could not move the user to the new role group', { userId, error: error as Error }),
  );
  return { ...current, role };
}

export async function removeMember(
  actor: Identity,
  tenantId: string,
  userId: string,
  param = 'id',
  now = new Date(),
): Promise<void> {
  const current = await findMember(tenantId, userId, param);
  requireRoleAuthority(actor, current.role, 'This user cannot be removed');
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
    { user: { id: userId, email: current.email, role: current.role } },
    now,
  );
  await commitMemberChange(remove, guard, event, { owner: param, id: param });
  await flushAuthorizerCache();
  // Without a member record the authorizer refuses the person's tokens; the sign-in itself goes too.
  await removeCognitoUser(current.email, tenantId, current.role).catch((error: unknown) =>
    logger.error('Could not delete the removed user’s sign-in', { userId, error: error as Error }),
  );
}
