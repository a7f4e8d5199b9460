import type { UpdateCurrentUserBody } from '#services/identity/people-schemas';
import { type MemberItem, members } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { NotFoundError, PermissionError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/**
 * The member record of the person calling. API keys are not people; a platform operator is a person
 * but no member of a tenant. A development credential stands in for a signed-in person.
 */
export async function currentMember(identity: Identity): Promise<MemberItem> {
  if (identity.principalType === 'api_key')
    throw new PermissionError(
      'An API key is not a person: /users/me describes the signed-in user; call it with their access token',
    );
  if (identity.principalType === 'operator')
    throw new NotFoundError('A platform operator is no member of an organization and has no profile here');
  const { data } = await members
    .get({ tenantId: identity.tenantId, userId: identity.principalId })
    .go({ table: config.tableName });
  if (!data) throw new NotFoundError('No user profile belongs to this credential');
  return data;
}

/** A person changes their own name and language; nothing that grants access. */
export async function updateCurrentUser(
  identity: Identity,
  changes: UpdateCurrentUserBody,
  now = new Date(),
): Promise<MemberItem> {
  const current = await currentMember(identity);
  const changed = Object.entries(changes)
    .filter(([field, value]) => value !== undefined && value !== current[field as keyof MemberItem])
    // The event's `changed` lists body fields (the catalogue's `keyof()` of the body schema).
    .map(([field]) => field as keyof UpdateCurrentUserBody);
  if (changed.length === 0) return current;
  const next: MemberItem = {
    ...current,
    name: changes.name ?? current.name,
    language: changes.language ?? current.language,
  };
  const set: { name?: string; language?: string } = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.language !== undefined) set.language = changes.language;
  const update = members
    .patch({ tenantId: current.tenantId, userId: current.userId })
    .set(set)
    .params({ table: config.tableName });
  const event = domainEvent('user.updated', identity, { user: { id: current.userId }, changed }, now);
  try {
    await commitWithEvents([asUpdate(update)], [event]);
  } catch (error) {
    // The record went between the read and the write: the user was removed meanwhile.
    if (error instanceof WriteConflict) throw new NotFoundError('No user profile belongs to this credential');
    throw error;
  }
  return next;
}
