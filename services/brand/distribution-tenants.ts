import {
  CreateDistributionTenantCommand,
  GetDistributionTenantCommand,
  UpdateDistributionTenantCommand,
} from '@aws-sdk/client-cloudfront';
import { cloudFront } from '#shared/aws/cloudfront';

/**
 * The CloudFront side of a custom domain (AWS only; the port through which the brand service reaches
 * CloudFront). The multi-tenant distribution and its connection group come from the stack
 * (infra/constructs/site-distribution.ts) through `TC_TENANT_DISTRIBUTION_ID` and
 * `TC_CONNECTION_GROUP_ID`; without them (the local platform) nothing is created and the host resolves
 * through the local gateway alone.
 */
export interface DistributionTenantConfig {
  distributionId: string;
  connectionGroupId: string;
}

export function distributionTenantConfig(): DistributionTenantConfig | null {
  const distributionId = process.env.TC_TENANT_DISTRIBUTION_ID;
  const connectionGroupId = process.env.TC_CONNECTION_GROUP_ID;
  return distributionId && connectionGroupId ? { distributionId, connectionGroupId } : null;
}

/** A distribution tenant's name: unique in the account, letters, digits, dots and hyphens. */
export function distributionTenantName(host: string): string {
  return host.replace(/[^a-z0-9.-]/g, '-').slice(0, 128);
}

/**
 * A distribution tenant serving the verified host, with a CloudFront-managed certificate (validated over
 * HTTP once the host's CNAME points at the connection group's routing endpoint); returns its id.
 */
export async function createDistributionTenant(
  target: DistributionTenantConfig,
  host: string,
  tenantId: string,
): Promise<string> {
  const created = await cloudFront().send(
    new CreateDistributionTenantCommand({
      DistributionId: target.distributionId,
      ConnectionGroupId: target.connectionGroupId,
      Name: distributionTenantName(host),
      Domains: [{ Domain: host }],
      ManagedCertificateRequest: { ValidationTokenHost: 'cloudfront', PrimaryDomainName: host },
      Enabled: true,
      Tags: { Items: [{ Key: 'trust-center:tenant', Value: tenantId }] },
    }),
  );
  const id = created.DistributionTenant?.Id;
  if (!id) throw new Error(`CloudFront created no distribution tenant for ${host}`);
  return id;
}

/**
 * Stops a distribution tenant serving (a disabled tenant can then be deleted by an operator). Idempotent:
 * a tenant already disabled, or one CloudFront no longer has (`EntityNotFound`, deleted by an operator), is
 * left as it is. @throws any other CloudFront error, e.g. `PreconditionFailed` when it changed meanwhile.
 */
export async function disableDistributionTenant(id: string): Promise<void> {
  const current = await cloudFront()
    .send(new GetDistributionTenantCommand({ Identifier: id }))
    .catch((error: unknown) => {
      if ((error as Error).name === 'EntityNotFound') return undefined;
      throw error;
    });
  if (!current) return;
  const tenant = current.DistributionTenant;
  if (!tenant || tenant.Enabled === false) return;
  await cloudFront().send(
    new UpdateDistributionTenantCommand({
      Id: id,
      IfMatch: current.ETag,
      Enabled: false,
    }),
  );
}
