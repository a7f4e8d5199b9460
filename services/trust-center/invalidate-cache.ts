/**
 * Use case: a trust center's content changed, so what CDNs keep of its hosts is stale. 1. Find the tenant's
 * hosts (default host, verified custom domains). 2. In AWS, for each host, invalidate `/*` of the CloudFront
 * distribution tenant serving it (multi-tenant distribution: the custom domain's own tenant, or the wildcard
 * tenant of the default hosts), or of the platform's own distribution (`TC_DISTRIBUTION_ID`) when no
 * distribution tenant serves the host. 3. Locally no CDN keeps anything: nothing to do (ETags are content hashes, so a
 * browser revalidating after its minute gets the new answer at once).
 *
 * Idempotent: the CallerReference is the event id and the host, so a redelivered event makes CloudFront
 * return the invalidation it already made instead of a second one.
 */
import {
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetDistributionTenantByDomainCommand,
} from '@aws-sdk/client-cloudfront';
import { tenantHosts } from '#services/brand/public';
import { cloudFront } from '#shared/aws/cloudfront';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/** Everything under a host: the site's pages, the visitor API and the machine-readable documents. */
export const INVALIDATED_PATHS = ['/*'];

/** The invalidations made, by host: `tenant:<id>` or `distribution:<id>`; empty locally. */
export async function invalidateTrustCenter(
  tenantId: string,
  eventId: string,
): Promise<Record<string, string>> {
  const hosts = await tenantHosts(tenantId);
  if (config.cdnInvalidation !== 'cloudfront') {
    logger.debug('No CDN to invalidate (local platform)', { tenant_id: tenantId, hosts });
    return {};
  }
  const made: Record<string, string> = {};
  for (const host of hosts) {
    const batch = {
      Paths: { Quantity: INVALIDATED_PATHS.length, Items: INVALIDATED_PATHS },
      CallerReference: `${eventId}:${host}`.slice(0, 128),
    };
    const distributionTenant = await distributionTenantOf(host);
    if (distributionTenant) {
      await cloudFront().send(
        new CreateInvalidationForDistributionTenantCommand({
          Id: distributionTenant,
          InvalidationBatch: batch,
        }),
      );
      made[host] = `tenant:${distributionTenant}`;
    } else if (config.distributionId) {
      await cloudFront().send(
        new CreateInvalidationCommand({ DistributionId: config.distributionId, InvalidationBatch: batch }),
      );
      made[host] = `distribution:${config.distributionId}`;
    }
  }
  logger.info('Invalidated the trust center in CloudFront', { tenant_id: tenantId, invalidations: made });
  return made;
}

/**
 * The id of the distribution tenant serving `host`: its own (a custom domain), else the wildcard one of its
 * parent domain (default hosts share `*.<platform domain>`, so invalidating one invalidates them all);
 * undefined when none does.
 */
async function distributionTenantOf(host: string): Promise<string | undefined> {
  const parent = host.split('.').slice(1).join('.');
  return (
    (await tenantByDomain(host)) ?? (parent.includes('.') ? await tenantByDomain(`*.${parent}`) : undefined)
  );
}

async function tenantByDomain(host: string): Promise<string | undefined> {
  try {
    const found = await cloudFront().send(new GetDistributionTenantByDomainCommand({ Domain: host }));
    return found.DistributionTenant?.Id;
  } catch (error) {
    if ((error as Error).name === 'EntityNotFound') return undefined;
    throw error;
  }
}
