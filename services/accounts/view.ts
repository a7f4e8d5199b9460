import type { AccountView } from '#services/accounts/schemas';
import type { AccountItem } from '#services/accounts/store';

export function toAccountView(item: AccountItem): AccountView {
  return {
    id: item.accountId,
    title: item.title,
    description: item.description ?? null,
    contacts: item.contacts.map((contact) => ({
      id: contact.contactId,
      email: contact.email,
      first_name: contact.firstName,
      last_name: contact.lastName,
      title: contact.title ?? null,
    })),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
