import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag names a wildcard finding after the resource as it flattens it; reuse its own flattening so
// the acknowledgement matches exactly (the cdk-nag test fails loudly if this ever drifts).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Acknowledges AwsSolutions-IAM5 for one wildcard resource of `scope`'s policies, with its reason. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flattened}]`, reason });
}
