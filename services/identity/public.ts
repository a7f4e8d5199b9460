/**
 * What the identity service offers other services (DESIGN.md, "Service boundaries"): reads only. Every
 * other module of services/identity/ is private; `npm run check` refuses imports of them from elsewhere.
 */
import { members, organizations } from '#services/identity/store';
import { config } from '#shared/config';

/** The organization's name (the brand its mail is signed with), or null when there is no such tenant. */
export async function organizationName(tenantId: string): Promise<string | null> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['name'] });
  return data?.name ?? null;
}

/** Whether the tenant exists (public routes name it in the body and must not reach a made-up one). */
export async function organizationExists(tenantId: string): Promise<boolean> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['orgId'] });
  return data !== null;
}

/** The language a member of the tenant with this address chose, or undefined (no such member, or none chosen). */
export async function memberLanguage(tenantId: string, email: string): Promise<string | undefined> {
  const { data } = await members.query
    .byEmail({ email, tenantId })
    .go({ table: config.tableName, limit: 1, attributes: ['language'] });
  return data[0]?.language;
}

export {
  changeOrganizationPlan,
  everyOrganization,
  organizationApiRequests,
  organizationPlanId,
} from '#services/identity/organization-plan';
export { addressableOrganization, membersCount } from '#services/identity/organizations';
