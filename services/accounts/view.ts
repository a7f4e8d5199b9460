import type { AccountView, ContactView } from '#services/accounts/schemas';
import type { AccountItem, ContactItem } from '#services/accounts/store';

export function toContactView(contact: ContactItem): ContactView {
  return {
    id: contact.contactId,
    email: contact.email,
    first_name: contact.firstName,
    last_name: contact.lastName,
    title: contact.title ?? null,
  };
}

export function toAccountView(item: AccountItem): AccountView {
  return {
    id: item.accountId,
    title: item.title,
    description: item.description ?? null,
    contacts: item.contacts.map(toContactView),
    nda: { status: item.nda?.status ?? 'none', signed_at: item.nda?.signedAt ?? null },
    access_expires_at: item.accessExpiresAt ?? null,
    email_domains: item.emailDomains ?? [],
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
