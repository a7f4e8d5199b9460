/**
 * Job: purge organizations whose grace period is over. Primary course, per organization found pending
 * deletion with `purge_after` ≤ now (a keyed Query of the organizations' index): 1. disable the CloudFront
 * distribution tenants of its custom domains (brand, AWS only); 2. delete its people's sign-ins (Cognito
 * users); 3. delete the API Gateway usage keys of its API keys and sessions; 4. delete its files (S3
 * objects under `tenants/<id>/`); 5. delete its items (tenant-data.ts) and its slug claim;
 * 6. delete the organization item with `organization.purged` in one transaction, recorded in the
 * platform's log. The organization item goes last, so a purge that fails half-way is found and finished
 * by the next run; every step is idempotent.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { releaseTenantDistributions } from '#services/brand/public';
import { OPERATOR_GROUP, OPERATOR_TENANT } from '#services/identity/authorize';
import { removeCognitoUser } from '#services/identity/cognito-membership';
import {
  apiKeys,
  members,
  type OrganizationItem,
  organizationSlugs,
  organizations,
} from '#services/identity/store';
import {
  deleteItems,
  deleteObjects,
  type ItemKey,
  tenantItemKeys,
  tenantObjectKeys,
} from '#services/identity/tenant-data';
import { deleteUsageKey } from '#services/identity/usage-keys';
import type { Identity } from '#shared/auth/identity';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { asDelete, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';

const purgeActor: Identity = {
  tenantId: OPERATOR_TENANT,
  principalId: 'organization-purge',
  principalType: 'operator',
  role: OPERATOR_GROUP,
  scopes: ['*'],
};

export type PurgeCounts = {
  items: number;
  objects: number;
  people: number;
  usage_keys: number;
  /** CloudFront distribution tenants disabled (AWS only; one per verified custom domain). */
  distribution_tenants: number;
};

/** Organizations pending deletion whose grace period has ended at `now`. */
async function dueOrganizations(now: Date): Promise<OrganizationItem[]> {
  const { data } = await organizations.query
    .all({})
    .where(
      ({ status, purgeAfter }, { eq, lte }) =>
        `${eq(status, 'pending_deletion')} AND ${lte(purgeAfter, now.toISOString())}`,
    )
    .go({ table: config.tableName, pages: 'all' });
  return data;
}

async function purgePeople(orgId: string): Promise<number> {
  const { data } = await members.query
    .byTenant({ tenantId: orgId })
    .go({ table: config.tableName, pages: 'all' });
  let removed = 0;
  for (const member of data) {
    // A member still `pending_invite` never had a sign-in.
    if (member.status === 'pending_invite') continue;
    await removeCognitoUser(member.email, orgId, member.role);
    removed++;
  }
  return removed;
}

async function purgeUsageKeys(orgId: string): Promise<number> {
  const { data } = await apiKeys.query
    .byTenant({ tenantId: orgId })
    .go({ table: config.tableName, pages: 'all' });
  // The sessions' usage key is stored on the organization item outside the entity's attributes.
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: { pk: `${orgId}#organization`, sk: 'organization' } }),
  );
  const ids = [...data.map((key) => key.usageKeyId), Item?.usageKeyId as string | undefined].filter(
    (id): id is string => typeof id === 'string',
  );
  for (const id of ids) await deleteUsageKey(id);
  return ids.length;
}

/** Removes everything of one organization (see above) and answers what it removed. */
export async function purgeOrganization(organization: OrganizationItem, now: Date): Promise<PurgeCounts> {
  const { orgId } = organization;
  // First, while the domain items still name them: a purged tenant's hosts stop being served at the edge.
  const distributionTenants = await releaseTenantDistributions(orgId);
  const people = await purgePeople(orgId);
  const usageKeys = await purgeUsageKeys(orgId);
  const objects: string[] = [];
  for await (const key of tenantObjectKeys(orgId)) objects.push(key);
  await deleteObjects(objects);
  const organizationKey = `${orgId}#organization`;
  const items: ItemKey[] = [];
  for await (const key of tenantItemKeys(orgId)) if (key.pk !== organizationKey) items.push(key);
  await deleteItems(items);
  await organizationSlugs
    .delete({ slug: organization.slug })
    .where(({ orgId: owner }, { eq }) => eq(owner, orgId))
    .go({ table: config.tableName })
    .catch(() => undefined);
  const counts = {
    items: items.length + 1,
    objects: objects.length,
    people,
    usage_keys: usageKeys,
    distribution_tenants: distributionTenants,
  };
  await commitWithEvents(
    [asDelete(organizations.delete({ orgId }).params({ table: config.tableName }))],
    [
      domainEvent(
        'organization.purged',
        purgeActor,
        {
          organization: { id: orgId, name: organization.name, slug: organization.slug },
          removed: counts,
        },
        now,
      ),
    ],
  );
  return counts;
}

/** The job's run: purges every organization due at `now`; the summary sums what was removed. */
export async function purgeDueOrganizations(now: Date): Promise<{ purged: number } & PurgeCounts> {
  const summary = { purged: 0, items: 0, objects: 0, people: 0, usage_keys: 0, distribution_tenants: 0 };
  for (const organization of await dueOrganizations(now)) {
    const counts = await purgeOrganization(organization, now);
    summary.purged++;
    summary.items += counts.items;
    summary.objects += counts.objects;
    summary.people += counts.people;
    summary.usage_keys += counts.usage_keys;
    summary.distribution_tenants += counts.distribution_tenants;
  }
  return summary;
}
