/**
 * Use case: change an organization's details and settings (seed 4's PATCH). Primary course: 1. find the
 * organization the caller may address; 2. check `If-Match`; 3. refuse an IP allowlist that shuts out the
 * caller's own address unless confirmed; 4. commit the change with `organization.updated`; 5. when the
 * allowlist changed, flush the authorizer cache so it holds at once for every credential.
 */
import { flushAuthorizerCache } from '#services/identity/authorizer-cache';
import { ipAllowed } from '#services/identity/ip-allowlist';
import type { UpdateOrganizationBody } from '#services/identity/organization-schemas';
import { addressableOrganization } from '#services/identity/organizations';
import { type OrganizationItem, organizations } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { ConflictError, ValidationError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/** The fields of the body that name a change (`settings.ip_allowlist` as `ip_allowlist`). */
export const ORGANIZATION_FIELDS = ['name', 'description', 'website', 'timezone', 'ip_allowlist'] as const;
type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];

export async function updateOrganization(
  caller: Identity,
  orgId: string,
  changes: UpdateOrganizationBody,
  request: { ifMatch: string | undefined; sourceIp: string },
  now = new Date(),
): Promise<OrganizationItem> {
  const current = await addressableOrganization(caller, orgId);
  if (current.status === 'pending_deletion')
    throw new ConflictError(
      'The organization is pending deletion; an operator can restore it first',
      'org_id',
    );
  checkIfMatch(request.ifMatch, current.version);
  const allowlist = changes.settings?.ip_allowlist;
  const locksOut =
    allowlist !== undefined && caller.principalType !== 'operator' && !ipAllowed(allowlist, request.sourceIp);
  if (locksOut && changes.confirm_lockout !== true)
    throw new ValidationError(
      `This IP allowlist does not include the address you are calling from (${request.sourceIp}): saving it would lock you out. ` +
        'Add your address, or send "confirm_lockout": true to save it anyway.',
      'settings.ip_allowlist',
    );

  const next: OrganizationItem = {
    ...current,
    name: changes.name ?? current.name,
    description: changes.description === null ? undefined : (changes.description ?? current.description),
    website: changes.website === null ? undefined : (changes.website ?? current.website),
    timezone: changes.timezone ?? current.timezone,
    ipAllowlist: allowlist ?? current.ipAllowlist,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const changed: OrganizationField[] = ORGANIZATION_FIELDS.filter((field) =>
    field === 'ip_allowlist' ? allowlist !== undefined : changes[field] !== undefined,
  );
  let patch = organizations.patch({ orgId }).set({
    name: next.name,
    timezone: next.timezone ?? 'UTC',
    ipAllowlist: next.ipAllowlist ?? [],
    updatedAt: next.updatedAt,
    version: next.version,
  });
  patch =
    next.description === undefined
      ? patch.remove(['description'])
      : patch.set({ description: next.description });
  patch = next.website === undefined ? patch.remove(['website']) : patch.set({ website: next.website });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const actor = { ...caller, tenantId: orgId };
  const event = domainEvent(
    'organization.updated',
    actor,
    { organization: { id: orgId, name: next.name }, changed },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  if (allowlist !== undefined) await flushAuthorizerCache();
  return next;
}
