/**
 * API Gateway grants: the usage keys that meter each credential, moving them between usage plans, reading
 * their usage, and flushing the stage's authorizer cache.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledgeWildcardResource } from '#infra/constructs/nag';

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
