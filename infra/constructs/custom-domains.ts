import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';
import { VIEWER_HOST_HEADER } from '#services/brand/hosts';
import { ORIGIN_VERIFY_HEADER } from '#shared/net/origin-verify';
import { VIEWER_ADDRESS_HEADER } from '#shared/net/viewer-address';

/** Where the brand service creates a distribution tenant per verified custom domain. */
export interface CustomDomainTarget {
  distributionId: string;
  connectionGroupId: string;
}

/** The environment the brand service reads for them (services/brand/distribution-tenants.ts). */
export function customDomainEnvironment(target: CustomDomainTarget): Record<string, string> {
  return {
    TC_TENANT_DISTRIBUTION_ID: target.distributionId,
    TC_CONNECTION_GROUP_ID: target.connectionGroupId,
  };
}

/**
 * The viewer-request function on every behaviour: writes the host the viewer asked for into
 * `x-tc-viewer-host` and the viewer's address into `x-tc-viewer-address`, over whatever the viewer sent in
 * them, so the origin (which sees API Gateway's own host and an edge server's address) learns both from
 * CloudFront alone. The origin trusts the header only beside the
 * origin-verify secret that CloudFront adds as an origin custom header (services/brand/hosts.ts).
 */
export function viewerHostFunction(scope: Construct, id: string, comment: string): cloudfront.Function {
  return new cloudfront.Function(scope, id, {
    comment,
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(
      [
        'function handler(event) {',
        '  var request = event.request;',
        "  var host = request.headers.host ? request.headers.host.value : '';",
        `  request.headers['${VIEWER_HOST_HEADER}'] = { value: host };`,
        `  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };`,
        `  delete request.headers['${ORIGIN_VERIFY_HEADER}'];`,
        '  return request;',
        '}',
      ].join('\n'),
    ),
  });
}

/**
 * Distribution tenants at run time (a CloudFront-managed certificate each), on the multi-tenant
 * distribution and its connection group only: created when a domain is verified, disabled when it is given
 * up. CloudFront requests and validates the managed certificate through ACM on the caller's behalf.
 */
export function grantDistributionTenants(role: iam.IRole, target: CustomDomainTarget): void {
  const stack = Stack.of(role);
  const arn = (resource: string) => `arn:${stack.partition}:cloudfront::${stack.account}:${resource}`;
  const anyTenant = arn('distribution-tenant/*');
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'CreateDistributionTenants',
      actions: ['cloudfront:CreateDistributionTenant', 'cloudfront:TagResource'],
      resources: [
        arn(`distribution/${target.distributionId}`),
        arn(`connection-group/${target.connectionGroupId}`),
        anyTenant,
      ],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ManageDistributionTenants',
      actions: ['cloudfront:GetDistributionTenant', 'cloudfront:UpdateDistributionTenant'],
      resources: [anyTenant],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ManagedCertificates',
      actions: ['acm:RequestCertificate', 'acm:DescribeCertificate'],
      resources: ['*'],
    }),
  );
  acknowledgeWildcardResource(
    role,
    anyTenant,
    'Distribution tenants are created at run time, one per verified custom domain, so their ids are unknown at deploy time; the actions are limited to creating, reading and enabling/disabling tenants (creation itself is limited to this multi-tenant distribution and connection group).',
  );
  acknowledgeWildcardResource(
    role,
    '*',
    'CloudFront-managed certificates for distribution tenants are requested through ACM on the caller’s behalf; ACM’s RequestCertificate has no resource to scope (the certificate does not exist yet), and DescribeCertificate only reads their validation state.',
  );
}
