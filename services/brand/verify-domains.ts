// Use case of the `domain-verification` job: 1. read every pending custom domain (across tenants, gsi2);
// 2. look up its TXT record through a real DNS resolver; 3. a domain whose record holds its token becomes
// active with domain.verified, and in AWS gets a CloudFront distribution tenant; the others note the check.
import { Resolver } from 'node:dns/promises';
import { createDistributionTenant, distributionTenantConfig } from '#services/brand/distribution-tenants';
import { type DomainItem, domains, pendingDomains } from '#services/brand/store';
import { toDomainView, verificationRecord } from '#services/brand/view';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

/** A resolver asking `TC_DNS_SERVERS` (comma-separated `address[:port]`; the local DNS server) or the system's. */
function resolver(): Resolver {
  const dns = new Resolver({ timeout: 2_000, tries: 2 });
  const servers = process.env.TC_DNS_SERVERS?.split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  if (servers && servers.length > 0) dns.setServers(servers);
  return dns;
}

/** Whether the TXT records at the domain's verification name hold its value (a record's chunks joined). */
async function provesControl(dns: Resolver, domain: DomainItem): Promise<boolean> {
  const record = verificationRecord(domain);
  try {
    const records = await dns.resolveTxt(record.name);
    return records.some((chunks) => chunks.join('') === record.value);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return false;
    throw error;
  }
}

async function markChecked(domain: DomainItem, now: Date): Promise<void> {
  await domains
    .patch({ host: domain.host })
    .set({ lastCheckedAt: now.toISOString() })
    .where(({ tenantId, status }, { eq }) => `${eq(tenantId, domain.tenantId)} AND ${eq(status, 'pending')}`)
    .go({ table: config.tableName })
    .catch((error: unknown) => {
      // Removed or verified in the meantime: nothing to note.
      if ((error as Error).name !== 'ElectroError') throw error;
    });
}

async function activate(domain: DomainItem, now: Date): Promise<void> {
  const verified: DomainItem = {
    ...domain,
    status: 'active',
    verifiedAt: now.toISOString(),
    lastCheckedAt: now.toISOString(),
  };
  const update = domains
    .patch({ host: domain.host })
    .set({ status: 'active', verifiedAt: verified.verifiedAt, lastCheckedAt: verified.lastCheckedAt })
    .where(({ tenantId, status }, { eq }) => `${eq(tenantId, domain.tenantId)} AND ${eq(status, 'pending')}`)
    .params({ table: config.tableName });
  const origin = { tenantId: domain.tenantId, system: 'domain-verification' };
  try {
    await commitWithEvents(
      [asUpdate(update)],
      [domainEvent('domain.verified', origin, { domain: toDomainView(verified) }, now)],
    );
  } catch (error) {
    if (error instanceof WriteConflict) return; // removed, or verified by another run
    throw error;
  }
  const cloudFront = distributionTenantConfig();
  if (!cloudFront) return;
  const id = await createDistributionTenant(cloudFront, domain.host, domain.tenantId);
  await domains
    .patch({ host: domain.host })
    .set({ distributionTenantId: id })
    .go({ table: config.tableName });
}

/** Checks every pending domain once; counts for the job's log line. */
export async function verifyPendingDomains(
  now: Date,
): Promise<{ checked: number; verified: number; failed: number }> {
  const dns = resolver();
  const summary = { checked: 0, verified: 0, failed: 0 };
  for (const domain of await pendingDomains()) {
    summary.checked += 1;
    try {
      if (await provesControl(dns, domain)) {
        await activate(domain, now);
        summary.verified += 1;
      } else {
        await markChecked(domain, now);
      }
    } catch (error) {
      // One domain's DNS or CloudFront trouble must not hold the others back; the next run retries it.
      summary.failed += 1;
      logger.warn('Domain verification failed', { host: domain.host, error: error as Error });
    }
  }
  return summary;
}
