import { hasScope, type Identity } from '#shared/auth/identity';
import { ROLES, type Role } from '#shared/auth/scopes';
import { PermissionError } from '#shared/errors';

/**
 * The one authority check of the platform: a caller never creates, rotates, reveals, assigns or forwards
 * authority or data beyond its own scopes. Every operation that grants or exposes (API keys, members,
 * invitations, role changes, notification rules, webhooks) calls one of these before it commits.
 */

/** The scopes of `required` that `actor` does not hold (`resource:*` and `*` cover their scopes). */
export function missingScopes(actor: Pick<Identity, 'scopes'>, required: readonly string[]): string[] {
  return [...new Set(required)].filter((scope) => !hasScope(actor.scopes, scope)).sort();
}

/**
 * Throws unless `actor` holds every scope in `required`.
 * @param action what is refused, for the message: "A key cannot be rotated".
 * @throws PermissionError (403) naming the scopes the caller lacks.
 */
export function requireScopes(
  actor: Pick<Identity, 'scopes'>,
  required: readonly string[],
  action: string,
): void {
  const missing = missingScopes(actor, required);
  if (missing.length > 0)
    throw new PermissionError(`${action}: it needs scopes the caller lacks (${missing.join(', ')})`);
}

export const OWNER_ROLE = 'owner';

/**
 * Who may grant or take away the owner role: an owner signed in as a person, or a platform operator. An
 * API key's role is whatever its creator chose when minting it, so it carries no owner authority.
 */
export function canManageOwners(actor: Identity): boolean {
  if (actor.principalType === 'operator') return true;
  return actor.role === OWNER_ROLE && actor.principalType !== 'api_key';
}

/** @throws PermissionError (403) with `message` unless `actor` may manage owners. */
export function requireOwnerAuthority(actor: Identity, message: string): void {
  if (!canManageOwners(actor)) throw new PermissionError(message);
}

/**
 * Throws unless `actor` may hand out (or take away) `role`: the owner role needs owner authority, any
 * other role needs every scope the role grants. Applies to invitations, their resends, role changes and
 * removals, so nobody reaches a person whose authority exceeds their own.
 * @throws PermissionError (403).
 */
export function requireRoleAuthority(actor: Identity, role: string, action: string): void {
  if (role === OWNER_ROLE) {
    requireOwnerAuthority(actor, `${action}: only an owner can manage an owner`);
    return;
  }
  const granted = ROLES[role as Role];
  // An unknown role grants nothing here; the schemas refuse it before this runs.
  requireScopes(actor, granted ? granted.scopes : ['*'], action);
}
