import { type ContactItem, findAccount } from '#services/accounts/store';
import { NotFoundError, ValidationError } from '#shared/errors';

/**
 * One page of an account's contacts, in the order they were added. Contacts are embedded in the account
 * item, so a position is an offset into that list, tied to the account it was issued for.
 */
export async function listContacts(
  tenantId: string,
  accountId: string,
  page: { limit: number; position: string | null },
): Promise<{ items: ContactItem[]; position: string | null }> {
  const item = await findAccount(tenantId, accountId);
  if (!item) throw new NotFoundError('No such account', 'id');
  const offset = page.position === null ? 0 : offsetIn(page.position, accountId);
  const end = offset + page.limit;
  return {
    items: item.contacts.slice(offset, end),
    position: end < item.contacts.length ? `${accountId}:${end}` : null,
  };
}

function offsetIn(position: string, accountId: string): number {
  const [owner, offset] = position.split(':');
  if (owner !== accountId || !offset || !/^\d{1,3}$/.test(offset)) {
    throw new ValidationError('The cursor is invalid or belongs to another listing', 'cursor');
  }
  return Number(offset);
}
