/**
 * What the organization export and purge need beyond their usual access: reaching every item, file,
 * sign-in, usage key and distribution tenant of one tenant, across the services that hold them.
 */
import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { DOCUMENTS_PREFIX, grantListTenantObjects } from '#infra/constructs/grants';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';

/**
 * What the organization export consumer needs beyond the table's item access and grantDocuments: to find
 * every item of one tenant (a Scan, the purge's enumeration; services/identity/tenant-data.ts) and to list
 * its files under `tenants/`. Reads only: it changes nothing but its own export item and archive.
 */
export function grantTenantExport(
  role: iam.Role,
  resources: { table: ITableV2; documentsBucket: IBucket },
): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ExportTenantItems',
      actions: ['dynamodb:Scan'],
      resources: [resources.table.tableArn],
    }),
  );
  grantListTenantObjects(role, resources.documentsBucket);
}

/**
 * What the organization purge job needs beyond every job's access: to find a tenant's items (Scan; the
 * purge is the one reader that scans, see services/identity/tenant-data.ts) and delete them, to list and
 * delete its files under `tenants/`, to delete its people's sign-ins and its usage keys.
 */
export function grantTenantPurge(
  role: iam.Role,
  resources: { table: ITableV2; documentsBucket: IBucket; userPool: IUserPool; region: string },
): void {
  const { table, documentsBucket, userPool, region } = resources;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'PurgeTenantItems',
      actions: ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      resources: [table.tableArn],
    }),
  );
  grantListTenantObjects(role, documentsBucket);
  const tenantObjects = documentsBucket.arnForObjects(`${DOCUMENTS_PREFIX}*`);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DeleteTenantObjects',
      actions: ['s3:DeleteObject'],
      resources: [tenantObjects],
    }),
  );
  acknowledgeWildcardResource(
    role,
    tenantObjects,
    `The purge deletes every object of a deleted tenant; keys are tenants/<tenantId>/…, known only at run time. Delete only, under ${DOCUMENTS_PREFIX}.`,
  );
  userPool.grant(
    role,
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminRemoveUserFromGroup',
  );
  const anyKey = `arn:aws:apigateway:${region}::/apikeys/*`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'DeleteUsageKeys', actions: ['apigateway:DELETE'], resources: [anyKey] }),
  );
  acknowledgeWildcardResource(
    role,
    anyKey,
    "The purge deletes a deleted tenant's usage keys, created at run time (ids unknown at deploy time); DELETE only. They meter and throttle, they authorize nothing.",
  );
  const distributionTenants = `arn:${Stack.of(role).partition}:cloudfront::${Stack.of(role).account}:distribution-tenant/*`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DisableDistributionTenants',
      actions: ['cloudfront:GetDistributionTenant', 'cloudfront:UpdateDistributionTenant'],
      resources: [distributionTenants],
    }),
  );
  acknowledgeWildcardResource(
    role,
    distributionTenants,
    "The purge disables a deleted tenant's distribution tenants, created at run time, one per verified custom domain (ids unknown at deploy time); read and update only, no creation or deletion.",
  );
}
