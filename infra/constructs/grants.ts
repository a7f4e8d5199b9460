import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { TABLE } from '#shared/data/table';

/** Where tenant documents live in the bucket: `tenants/<tenantId>/…` (DESIGN.md). */
export const DOCUMENTS_PREFIX = 'tenants/';

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
      resources: TABLE.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
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
      resources: TABLE.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
    }),
  );
}

/** The user-pool administration the identity service performs (invite, set password, assign role). */
export const USER_ADMINISTRATION_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
] as const;

export function grantUserAdministration(principal: iam.IGrantable, userPool: IUserPool): void {
  userPool.grant(principal, ...USER_ADMINISTRATION_ACTIONS);
}

/** Sending email as the platform's SES identity only. */
export function grantSendEmail(principal: iam.IGrantable, identity: IEmailIdentity): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SendEmail',
      actions: ['ses:SendEmail'],
      resources: [identity.emailIdentityArn],
    }),
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
