import { newInvitation, pendingMemberOf, sendInvitationEmail } from '#services/identity/invitations';
import { requireEmailFree } from '#services/identity/people';
import { checkChosenSlug, claimSlugWrite, withUniqueSlug } from '#services/identity/slugs';
import { invitations, members, type OrganizationItem, organizations } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { ValidationError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';

/**
 * A platform operator creates a tenant on a plan tier and invites its owner by email. The slug is the
 * operator's choice if given (ConflictError when taken), else derived from the name and made unique.
 */
export async function createOrganization(
  operator: Identity,
  body: { name: string; email: string; plan: string; slug?: string },
  now = new Date(),
): Promise<OrganizationItem> {
  const plans = Object.keys(config.planTiers);
  if (!plans.includes(body.plan))
    throw new ValidationError(`Unknown plan; one of: ${plans.join(', ')}`, 'plan');
  if (body.slug !== undefined) checkChosenSlug(body.slug);
  const orgId = newId('organization');
  // The owner's address must be nobody's yet: not an operator's, not another tenant's member.
  await requireEmailFree(body.email, orgId);
  const wanted = body.slug === undefined ? { derivedFrom: body.name } : { chosen: body.slug };
  const organization = await withUniqueSlug(wanted, SLUG_CLAIM_INDEX, (slug) =>
    commitOrganization(operator, { ...body, orgId, slug }, now),
  );
  return organization;
}

/** The slug claim's place in the creation transaction (organization, invitation, member, claim). */
const SLUG_CLAIM_INDEX = 3;

async function commitOrganization(
  operator: Identity,
  body: { orgId: string; name: string; email: string; plan: string; slug: string },
  now: Date,
): Promise<OrganizationItem> {
  const { orgId, slug } = body;
  const organization: OrganizationItem = {
    orgId,
    name: body.name,
    slug,
    slugClaimed: true,
    plan: body.plan,
    ownerEmail: body.email,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const { invitation, token } = newInvitation(orgId, { email: body.email, role: 'owner' }, operator, now);
  const actor = { ...operator, tenantId: orgId };
  await commitWithEvents(
    [
      asPut(organizations.create(organization).params({ table: config.tableName })),
      asPut(invitations.create(invitation).params({ table: config.tableName })),
      // The owner is a `pending_invite` member from now on, counted and listed as seed 4 shows.
      asPut(members.create(pendingMemberOf(invitation)).params({ table: config.tableName })),
      claimSlugWrite(slug, orgId),
    ],
    [
      domainEvent(
        'organization.created',
        actor,
        { organization: { id: orgId, name: body.name, plan: body.plan } },
        now,
      ),
      domainEvent(
        'user.invited',
        actor,
        { invitation: { id: invitation.invitationId, email: body.email, role: 'owner' } },
        now,
      ),
    ],
  );
  // The tenant exists either way; a failed mail is resent from the invitations routes.
  await sendInvitationEmail({ email: body.email, organizationName: body.name, role: 'owner', token }).catch(
    (error: unknown) => logger.error('Could not send the owner invitation', { orgId, error: error as Error }),
  );
  return organization;
}
