/**
 * Grants on the user pool (Cognito), the mail identity (SES), the documents bucket (S3) and the CDN
 * (CloudFront). The table's grants are in table-grants.ts, API Gateway's in api-gateway-grants.ts, and
 * what the tenant export and purge need across services in tenant-data-grants.ts.
 */
import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { PRODUCT } from '#infra/project';

/** Where tenant documents live in the bucket: `tenants/<tenantId>/…` (DESIGN.md). */
export const DOCUMENTS_PREFIX = 'tenants/';

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

/** Listing the documents bucket, under the tenants' prefix only (the purge and the export find files so). */
export function grantListTenantObjects(role: iam.Role, bucket: IBucket): void {
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
