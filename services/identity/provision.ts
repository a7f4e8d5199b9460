import { OPERATOR_GROUP, OPERATOR_TENANT } from '#services/identity/authorize';
import { ensureCognitoUser } from '#services/identity/people';
import { ensureSlugClaim, slugOf } from '#services/identity/slugs';
import { members, organizations } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/**
 * One-off provisioning that has no caller to authorize it: the first platform operator, and (locally)
 * the demo tenant with its owner. Run by the local platform on first start, and in AWS by
 * `npx tsx infra/scripts/create-operator.ts`. Idempotent: existing users and tenants are kept.
 */
const bootstrapActor: Identity = {
  tenantId: OPERATOR_TENANT,
  principalId: 'bootstrap',
  principalType: 'operator',
  role: OPERATOR_GROUP,
  scopes: ['*'],
};

export async function provisionOperator(email: string, password: string): Promise<void> {
  await ensureCognitoUser({
    email: email.toLowerCase(),
    password,
    tenantId: OPERATOR_TENANT,
    group: OPERATOR_GROUP,
  });
}

/**
 * Creates the organization with its active owner if missing (the local demo tenant), and makes sure it
 * holds `slug` (the demo tenant's `demo`) or, without one, a unique slug derived from its name.
 */
export async function provisionOrganization(input: {
  orgId?: string;
  name: string;
  slug?: string;
  plan: string;
  owner: { email: string; password: string };
}): Promise<string> {
  const email = input.owner.email.toLowerCase();
  const orgId = input.orgId ?? newId('organization');
  const now = new Date();
  const existingOrg = await organizations.get({ orgId }).go({ table: config.tableName });
  const existingOwner = await members.query.byEmail({ email }).go({ table: config.tableName, limit: 1 });
  const writes = [];
  const events = [];
  const actor = { ...bootstrapActor, tenantId: orgId };
  if (!existingOrg.data) {
    writes.push(
      asPut(
        organizations
          .create({
            orgId,
            name: input.name,
            slug: input.slug ?? slugOf(input.name),
            plan: input.plan,
            ownerEmail: email,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
            version: 1,
          })
          .params({ table: config.tableName }),
      ),
    );
    events.push(
      domainEvent(
        'organization.created',
        actor,
        { organization: { id: orgId, name: input.name, plan: input.plan } },
        now,
      ),
    );
  }
  const cognitoSub = await ensureCognitoUser({
    email,
    password: input.owner.password,
    tenantId: orgId,
    group: 'owner',
  });
  if (existingOwner.data.length === 0) {
    const userId = newId('user');
    writes.push(
      asPut(
        members
          .create({
            tenantId: orgId,
            userId,
            email,
            role: 'owner',
            status: 'active',
            cognitoSub,
            createdAt: now.toISOString(),
          })
          .params({ table: config.tableName }),
      ),
    );
    events.push(domainEvent('user.joined', actor, { user: { id: userId, email, role: 'owner' } }, now));
  }
  if (writes.length > 0) await commitWithEvents(writes, events);
  const { data: organization } = await organizations.get({ orgId }).go({ table: config.tableName });
  if (organization) await ensureSlugClaim(organization, input.slug);
  return orgId;
}
export { claimMissingSlugs } from '#services/identity/slugs';
