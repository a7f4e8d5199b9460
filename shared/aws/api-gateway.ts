import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { config } from '#shared/config';
import { traced } from '#shared/observability/tracer';

let client: APIGatewayClient | undefined;

export function apiGateway(): APIGatewayClient {
  client ??= traced(new APIGatewayClient({ region: config.region, endpoint: config.endpoint('apigateway') }));
  return client;
}
