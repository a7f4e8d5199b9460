import type * as z from 'zod';
import type {
  currentUser,
  InvitationStatus,
  invitation,
  member,
  organizationInvitation,
  organizationMember,
} from '#services/identity/people-schemas';
import type { InvitationItem, MemberItem } from '#services/identity/store';
import { LANGUAGES } from '#shared/languages';

/** A pending invitation past its expiry is shown as `expired`: it can no longer be accepted, only resent. */
export function invitationStatus(item: InvitationItem, now = new Date()): InvitationStatus {
  if (item.status === 'pending' && new Date(item.expiresAt) <= now) return 'expired';
  return item.status;
}

export function toMemberView(item: MemberItem): z.output<typeof member> {
  return {
    id: item.userId,
    email: item.email,
    name: item.name ?? null,
    role: item.role,
    status: item.status,
    created_at: item.createdAt,
    last_login: item.lastLoginAt ?? null,
  };
}

export function toCurrentUserView(item: MemberItem): z.output<typeof currentUser> {
  const language = LANGUAGES.find((known) => known === item.language) ?? null;
  return { ...toMemberView(item), language };
}

export function toOrganizationMemberView(
  item: MemberItem,
  mfaEnabled: boolean,
): z.output<typeof organizationMember> {
  return { ...toMemberView(item), mfa_enabled: mfaEnabled };
}

export function toInvitationView(item: InvitationItem, now = new Date()): z.output<typeof invitation> {
  return {
    id: item.invitationId,
    email: item.email,
    name: item.name ?? null,
    role: item.role,
    status: invitationStatus(item, now),
    sent_at: item.sentAt,
    expires_at: item.expiresAt,
    created_at: item.createdAt,
  };
}

export function toOrganizationInvitationView(
  item: InvitationItem,
  now = new Date(),
): z.output<typeof organizationInvitation> {
  return {
    id: item.invitationId,
    email: item.email,
    role: item.role,
    sent_at: item.sentAt,
    expires_at: item.expiresAt,
    status: invitationStatus(item, now),
  };
}
