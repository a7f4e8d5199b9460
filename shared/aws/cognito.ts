import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { config } from '#shared/config';
import { traced } from '#shared/observability/tracer';

let client: CognitoIdentityProviderClient | undefined;

export function cognito(): CognitoIdentityProviderClient {
  client ??= traced(
    new CognitoIdentityProviderClient({ region: config.region, endpoint: config.endpoint('cognito') }),
  );
  return client;
}
