import { planOf } from '#services/billing/public';

export {
  organizationName,
  organizationNameAndSlug,
  organizationSlug,
  tenantOfSlug,
} from '#services/identity/public';

/** Whether the tenant's plan offers custom domains (`features.custom_domains` of the deployment's plans). */
export async function customDomainsAllowed(tenantId: string): Promise<boolean> {
  return (await planOf(tenantId)).features.custom_domains;
}
