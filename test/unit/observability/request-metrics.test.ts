import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { Route, RouteResponse } from '#shared/http/route';
import { captureEmf } from '../../support/emf.ts';

/** One EMF document as Powertools Metrics prints it: metric values and dimensions at the top level. */
interface EmfDocument {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

const emfDocuments = captureEmf<EmfDocument>();

function route(operationId: string, auth: Route['auth'], answer: () => Promise<RouteResponse>): Route {
  return {
    service: 'faqs',
    method: 'GET',
    path: '/api/v1/faqs',
    operationId,
    summary: 'A route of the test',
    tags: [],
    auth,
    responses: { 200: { description: 'ok' } },
    handler: answer,
  };
}

function request(): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    resource: '/api/v1/faqs',
    path: '/api/v1/faqs',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-metrics-1',
      identity: { sourceIp: '198.51.100.7' },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

const context = { functionName: 'faqs', awsRequestId: 'req-metrics-1' } as Context;

/** The pipeline loaded afresh, so Metrics reads the environment this test set. */
async function pipelineWithMetrics(): Promise<typeof import('#shared/http/pipeline')> {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'trust-center-test');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'faqs');
  return import('#shared/http/pipeline');
}

describe('the pipeline publishes one metric set per request', () => {
  it('names the operation and the status class, and counts the request with its latency', async () => {
    const { serviceHandler } = await pipelineWithMetrics();
    const handler = serviceHandler([route('listFaqs', 'public', async () => ({ status: 200, body: {} }))]);

    const result: APIGatewayProxyResult = await handler(request(), context);

    expect(result.statusCode).toBe(200);
    const documents = emfDocuments();
    expect(documents).toHaveLength(1);
    const [document] = documents as [EmfDocument];
    expect(document._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'trust-center-test',
        Dimensions: [['service', 'operation', 'status_class']],
        Metrics: [
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(document).toMatchObject({
      service: 'faqs',
      operation: 'listFaqs',
      status_class: '2xx',
      Requests: 1,
    });
    expect(document.Latency).toBeGreaterThanOrEqual(0);
  });

  it('counts a refused caller as 4xx and a failing handler as 5xx', async () => {
    const { serviceHandler } = await pipelineWithMetrics();
    const refused = serviceHandler([route('listFaqs', 'tenant', async () => ({ status: 200, body: {} }))]);
    const failing = serviceHandler([
      route('listFaqs', 'public', async () => {
        throw new Error('the store is down');
      }),
    ]);

    await refused(request(), context);
    await failing(request(), context);

    expect(emfDocuments().map((document) => document.status_class)).toEqual(['4xx', '5xx']);
  });

  it('prints no metrics outside Lambda unless asked to', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    const { serviceHandler } = await import('#shared/http/pipeline');
    const handler = serviceHandler([route('listFaqs', 'public', async () => ({ status: 200, body: {} }))]);

    await handler(request(), context);

    expect(emfDocuments()).toEqual([]);
  });
});
