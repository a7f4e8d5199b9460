import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { PRODUCT } from '#infra/project';
import { TABLE } from '#shared/data/table';

/** Where tenant documents live in the bucket: `tenants/<tenantId>/…` (DESIGN.md). */
export const DOCUMENTS_PREFIX = 'tenants/';

/** Every GSI of the table definition (shared/data/table.ts): Queries on them are how services list. */
function indexArns(table: ITableV2): string[] {
  return TABLE.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
}

/**
 * Item reads and writes on the table and queries on its indexes, named one by one from the shared table
 * definition. Deliberately no Scan (lists are Queries), no stream reads and no table management.
 * Transactions need no action of their own: they are authorized per item as Put, Update and ConditionCheck.
 */
export function grantTableData(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableItems',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:Query',
      ],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableIndexes',
      actions: ['dynamodb:Query'],
      resources: indexArns(table),
    }),
  );
}

/**
 * What a scheduled job gets: queries on the indexes (its way of finding work without a Scan) and on the
 * table (one tenant's items of a kind, such as an organization's API keys), item reads, and conditional
 * puts for the markers and outbox items it commits. No updates or deletes of service data.
 */
export function grantJobTableAccess(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'JobTableItems',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'JobTableIndexes',
      actions: ['dynamodb:Query'],
      resources: [table.tableArn, ...indexArns(table)],
    }),
  );
}

/** What the authorizer needs to resolve a credential: item reads and queries, nothing written. */
export function grantTableReads(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableReads',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableIndexes',
      actions: ['dynamodb:Query'],
      resources: indexArns(table),
    }),
  );
}

/** The user-pool administration the identity service performs (invite, set password, assign role). */
export const USER_ADMINISTRATION_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminDeleteUser',
] as const;

export function grantUserAdministration(principal: iam.IGrantable, userPool: IUserPool): void {
  userPool.grant(principal, ...USER_ADMINISTRATION_ACTIONS);
}

/**
 * Sending email as the platform's SES identity only, with the stage's templates (a templated SendEmail is
 * authorized on the identity and on the template).
 */
export function grantSendEmail(role: iam.Role, identity: IEmailIdentity, stage: string): void {
  const templates = Stack.of(role).formatArn({
    service: 'ses',
    resource: 'template',
    resourceName: `${stage}-${PRODUCT}-*`,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SendEmail',
      actions: ['ses:SendEmail'],
      resources: [identity.emailIdentityArn, templates],
    }),
  );
  acknowledgeWildcardResource(
    role,
    templates,
    "The stage's SES templates (one per template and language, infra/constructs/email-templates.ts), named by the stage prefix; a templated SendEmail is authorized on the template as well as on the identity, and the statement allows ses:SendEmail only, as the platform's one sender identity.",
  );
}

/** Object reads and writes under the tenants' prefix only; the bucket itself cannot be listed or changed. */
export function grantDocuments(role: iam.Role, bucket: IBucket): void {
  const tenantObjects = bucket.arnForObjects(`${DOCUMENTS_PREFIX}*`);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TenantDocuments',
      actions: [
        's3:GetObject',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
      ],
      resources: [tenantObjects],
    }),
  );
  acknowledgeWildcardResource(
    role,
    tenantObjects,
    `Object keys are tenants/<tenantId>/<documentId>/…, created at runtime, so object ARNs can only be granted by prefix; the grant covers object reads and writes under ${DOCUMENTS_PREFIX} in the documents bucket and nothing else (no listing, no bucket settings). Tenant isolation is enforced by the service, which builds every key from the authorizer's tenant id.`,
  );
}

/**
 * What a plan change and the usage report need beyond grantUsageKeys: moving a usage key between usage
 * plans (DELETE then POST of the plan-key association) and reading a usage plan's per-key counts (GetUsage).
 */
export function grantUsagePlanChanges(role: iam.Role, region: string): void {
  const planKeys = `arn:aws:apigateway:${region}::/usageplans/*/keys/*`;
  const planUsage = `arn:aws:apigateway:${region}::/usageplans/*/usage`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'MoveUsageKeys', actions: ['apigateway:DELETE'], resources: [planKeys] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'ReadUsage', actions: ['apigateway:GET'], resources: [planUsage] }),
  );
  acknowledgeWildcardResource(
    role,
    planKeys,
    "A plan change detaches each of the organization's usage keys from its old tier's usage plan: plans are found by name at run time (their ids would make the API deployment depend on this policy) and keys are created at run time. DELETE only, on plan-key associations; these API keys only meter and throttle, they authorize nothing.",
  );
  acknowledgeWildcardResource(
    role,
    planUsage,
    "GetUsage of the organization's usage keys, for seed 4's usage report: read-only request counts of usage plans found by name at run time, which authorize nothing.",
  );
}

/** What the authorizer writes: a shared usage key, the first time one is needed. */
export function grantAuthorizerUpdates(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableUpdates',
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }),
  );
}

/**
 * Usage keys (API Gateway API keys that meter one credential): created, attached to a usage plan found
 * by its name, and deleted when their credential is revoked. Plans are found by name at run time because
 * a reference to their ids would make the API's deployment depend on the authorizer's own policy.
 */
export function grantUsageKeys(role: iam.Role, region: string): void {
  const apiKeys = `arn:aws:apigateway:${region}::/apikeys`;
  const usagePlans = `arn:aws:apigateway:${region}::/usageplans`;
  const anyPlanKeys = `${usagePlans}/*/keys`;
  const anyKey = `${apiKeys}/*`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'FindUsagePlans', actions: ['apigateway:GET'], resources: [usagePlans] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'CreateUsageKeys',
      actions: ['apigateway:POST'],
      resources: [apiKeys, anyPlanKeys],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'DeleteUsageKeys', actions: ['apigateway:DELETE'], resources: [anyKey] }),
  );
  acknowledgeWildcardResource(
    role,
    anyPlanKeys,
    "Attaching a usage key to its tenant's plan: the plan is found by name at run time, because referencing the plans' ids here would make the API deployment depend on the authorizer's policy (a cycle). POST only, on plan-key associations; API Gateway API keys here only meter and throttle, they authorize nothing (the Lambda authorizer does).",
  );
  acknowledgeWildcardResource(
    role,
    anyKey,
    'Usage keys are created at run time, one per API key, so their ids are unknown at deploy time; the grant is DELETE only (revoking a credential removes its usage key). API Gateway API keys here only meter and throttle; they authorize nothing, the Lambda authorizer does.',
  );
}

/**
 * FlushStageAuthorizersCache on this API's stage only: revoking a key or removing a member takes effect
 * at once instead of after the authorizer cache TTL.
 */
export function grantAuthorizerCacheFlush(
  role: iam.Role,
  region: string,
  restApiId: string,
  stageName: string,
): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'FlushAuthorizerCache',
      actions: ['apigateway:DELETE'],
      resources: [
        `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}/cache/authorizers`,
      ],
    }),
  );
}

/** Listing the documents bucket, under the tenants' prefix only (the purge and the export find files so). */
function grantListTenantObjects(role: iam.Role, bucket: IBucket): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ListTenantObjects',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${DOCUMENTS_PREFIX}*`] } },
    }),
  );
}

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

/**
 * What the trust-center cache consumer does when content changes: find the CloudFront distribution tenant
 * serving each of the tenant's hosts and invalidate it (services/trust-center/invalidate-cache.ts), or the
 * whole distribution for a host without one. Read one tenant by domain, create invalidations; nothing else.
 */
export function grantCdnInvalidation(role: iam.Role): void {
  const { account, partition } = Stack.of(role);
  const distributions = `arn:${partition}:cloudfront::${account}:distribution/*`;
  const distributionTenants = `arn:${partition}:cloudfront::${account}:distribution-tenant/*`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'CdnInvalidation',
      actions: [
        'cloudfront:GetDistributionTenantByDomain',
        'cloudfront:CreateInvalidationForDistributionTenant',
        'cloudfront:CreateInvalidation',
      ],
      resources: [distributions, distributionTenants],
    }),
  );
  const reason =
    'Distribution tenants are created at run time, one per verified custom domain (services/brand), and the distribution lives in the api stack, which the events stack may not reference without a cycle; the statement allows only reading a tenant by domain and creating invalidations, which change no configuration and serve no content.';
  acknowledgeWildcardResource(role, distributions, reason);
  acknowledgeWildcardResource(role, distributionTenants, reason);
}
