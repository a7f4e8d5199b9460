import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { config } from '#shared/config';

let client: APIGatewayClient | undefined;

export function apiGateway(): APIGatewayClient {
  client ??= new APIGatewayClient({ region: config.region, endpoint: config.endpoint('apigateway') });
  return client;
}
