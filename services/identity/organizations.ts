import { members, type OrganizationItem, organizations } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { ConflictError, NotFoundError, PermissionError } from '#shared/errors';

/**
 * The organization a caller may address by id: an operator any, a member only their own. Anything
 * else is a 404, so ids of other tenants cannot be probed.
 */
export async function addressableOrganization(
  identity: Identity,
  orgId: string,
  param = 'org_id',
): Promise<OrganizationItem> {
  if (identity.principalType !== 'operator' && identity.tenantId !== orgId)
    throw new NotFoundError('No such organization', param);
  const { data } = await organizations.get({ orgId }).go({ table: config.tableName });
  if (!data) throw new NotFoundError('No such organization', param);
  return data;
}

/**
 * Seed 4's roles table: what only the owner may do to the organization (delete it, export everything of
 * it) needs an owner signed in as a person, or a platform operator (a platform key needs `admin:orgs`);
 * an admin, another role or an API key is refused. `what` completes "…may <what>".
 * @throws PermissionError
 */
export function requireOwnerOrOperator(caller: Identity, what: string): void {
  const isOwner = caller.principalType === 'user' && caller.role === 'owner';
  if (caller.principalType !== 'operator' && !isOwner)
    throw new PermissionError(`Only the organization’s owner (signed in) or a platform operator may ${what}`);
}

/** Told to a person whose password was right but whose organization is pending deletion. */
export const SIGN_IN_REFUSED_PENDING_DELETION =
  'Your organization is pending deletion: nobody can sign in to it until a platform operator restores it';

/**
 * Refuses every path that would hand out a credential of an organization pending deletion (the authorizer
 * refuses the credentials it already has): `sign_in` for a person's sign-in, refresh or invitation
 * acceptance (PermissionError, 403); `issue` for a new or rotated API key or an invitation, which only an
 * operator can still ask for (ConflictError, 409: restore it first). A tenant with no organization item
 * (the operators', development tenants) is never refused. One GetItem.
 */
export async function refuseIfPendingDeletion(orgId: string, refusal: 'sign_in' | 'issue'): Promise<void> {
  const { data } = await organizations.get({ orgId }).go({ table: config.tableName, attributes: ['status'] });
  if (data?.status !== 'pending_deletion') return;
  if (refusal === 'sign_in') throw new PermissionError(SIGN_IN_REFUSED_PENDING_DELETION);
  throw new ConflictError(
    'The organization is pending deletion: it gets no new API key or invitation until a platform operator restores it',
    'org_id',
  );
}

/**
 * How many members the organization has, pending invitations included (billing's `members` meter): one
 * paged, strongly consistent Query (billing's quota guard counts after reading its version, and must see
 * every invitation committed before it).
 */
export async function membersCount(orgId: string): Promise<number> {
  const { data } = await members.query
    .byTenant({ tenantId: orgId })
    .go({ table: config.tableName, pages: 'all', attributes: ['userId'], consistent: true });
  return data.length;
}

/** How many organizations the platform holds (seed 4's `total` of `GET /organizations`). */
export async function organizationsCount(): Promise<number> {
  const { data } = await organizations.query
    .all({})
    .go({ table: config.tableName, pages: 'all', attributes: ['orgId'] });
  return data.length;
}

/**
 * Seed 4's organization shape. `sso_enabled`/`sso_provider` say false/null until SSO exists;
 * `data_residency` is the deployment's region (read-only); `status` and `purge_after` are ours
 * (lifecycle: `pending_deletion` until restored or purged).
 */
export function toOrganizationView(organization: OrganizationItem, count: number) {
  return {
    id: organization.orgId,
    name: organization.name,
    slug: organization.slug,
    description: organization.description ?? null,
    website: organization.website ?? null,
    timezone: organization.timezone ?? 'UTC',
    settings: {
      sso_enabled: false,
      sso_provider: null,
      ip_allowlist: organization.ipAllowlist ?? [],
      data_residency: config.region,
    },
    plan: organization.plan,
    members_count: count,
    created_at: organization.createdAt,
    status: organization.status ?? 'active',
    purge_after: organization.purgeAfter ?? null,
  };
}

/** The organization's answer with its current `members_count` (one Query of its members). */
export async function organizationView(organization: OrganizationItem) {
  return toOrganizationView(organization, await membersCount(organization.orgId));
}

/** The caller's own organization as a one-item listing (a person or key belongs to one tenant). */
export function listOwnOrganization(tenantId: string) {
  return async (page: { limit: number; position: string | null }) => {
    if (page.position !== null) return { items: [], position: null };
    const { data } = await organizations.get({ orgId: tenantId }).go({ table: config.tableName });
    return { items: data ? [data] : [], position: null };
  };
}

export async function listOrganizations(page: { limit: number; position: string | null }) {
  const { data, cursor } = await organizations.query
    .all({})
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
