import { readFile } from 'node:fs/promises';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { logDelivery } from '../support/log-delivery.ts';
import { useTableFromThisProcess } from '../support/table.ts';

/**
 * The AWS path of the usage counters: CloudWatch Logs delivers batches of the API's access log lines (as
 * API Gateway writes them) to the subscription's function, which folds them into the same counters the
 * local gateway's lines go to. Run in this process against the test platform's table.
 */
const operator = newTenant({ operator: true });
let handler: (event: CloudWatchLogsEvent) => Promise<unknown>;

beforeAll(async () => {
  useTableFromThisProcess();
  const cdk = JSON.parse(await readFile('cdk.json', 'utf8')) as { context: { planTiers: unknown } };
  process.env.TC_PLAN_TIERS = JSON.stringify(cdk.context.planTiers);
  ({ handler } = (await import('#services/billing/usage-fold-handler')) as unknown as {
    handler: (event: CloudWatchLogsEvent) => Promise<unknown>;
  });
});

/** One access log line as API Gateway writes it: every value a string, `-` where it has none. */
function line(fields: {
  tenantId: string;
  principalId: string;
  principalType: string;
  status: number;
  at: number;
}) {
  return JSON.stringify({
    requestId: crypto.randomUUID(),
    extendedRequestId: '-',
    requestTime: new Date(fields.at).toUTCString(),
    requestTimeEpoch: String(fields.at),
    ip: '203.0.113.9',
    userAgent: 'curl/8.5.0',
    method: 'GET',
    resource: '/api/v1/accounts/{id}',
    path: '/dev/api/v1/accounts/acc_00000000000000000000000000',
    status: String(fields.status),
    responseLength: '120',
    responseLatency: '42',
    integrationStatus: '200',
    integrationLatency: '35',
    principalId: fields.principalId,
    principalType: fields.principalType,
    tenantId: fields.tenantId,
    apiKeyId: 'a1b2c3d4e5',
    authorizerError: '-',
    errorType: '-',
    errorMessage: null,
    xrayTraceId: '-',
  });
}

const delivery = (messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE', messages: readonly string[]) =>
  logDelivery(messageType, messages, {
    logGroup: 'dev-trust-center-api-AccessLogs',
    subscription: 'api-usage',
  });

describe('the access log subscription', () => {
  it("folds a batch into the organization's counters once, however often it is delivered", async () => {
    const created = await operator.call<{ id: string }>('POST', '/api/v1/organizations', {
      body: { name: 'Logged Co', email: `logged-${Date.now()}@example.com`, plan: 'enterprise' },
    });
    const orgId = created.body.id;
    const admin = newTenant({ tenantOf: { tenantId: orgId } as TestTenant });
    const key = await admin.call<{ data: { apiKey: { id: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      {
        body: { name: 'Logged key', key_type: 'read_only' },
      },
    );
    const keyId = key.body.data.apiKey.id;
    const at = Date.now() - 60_000;
    const batch = delivery('DATA_MESSAGE', [
      line({ tenantId: orgId, principalId: keyId, principalType: 'api_key', status: 404, at }),
      line({ tenantId: orgId, principalId: keyId, principalType: 'api_key', status: 429, at: at + 1 }),
      line({
        tenantId: orgId,
        principalId: 'usr_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
        principalType: 'user',
        status: 200,
        at,
      }),
      // Not an organization's request: no credential, and a line that is not JSON.
      line({ tenantId: '-', principalId: '-', principalType: '-', status: 401, at }),
      'not json',
    ]);

    await handler(delivery('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination']));
    await handler(batch);
    await handler(batch);
    const report = await operator.call<{
      requests: number;
      by_status: Record<string, number>;
      api_keys: { id: string; requests: number; by_operation: { operation: string }[] }[];
      signed_in: { requests: number };
    }>('GET', `/api/v1/analytics/usage?org_id=${orgId}`);
    const keys = await operator.call<{
      api_keys: { id: string; request_count: number; last_used_at: string }[];
    }>('GET', `/api/v1/organizations/${orgId}/api-keys`);

    expect(report.status, report.text).toBe(200);
    expect(report.body.requests).toBe(3);
    expect(report.body.by_status).toEqual({ '2xx': 1, '3xx': 0, '4xx': 1, '429': 1, '5xx': 0 });
    expect(report.body.api_keys).toMatchObject([
      { id: keyId, requests: 2, by_operation: [{ operation: 'getAccount' }] },
    ]);
    expect(report.body.signed_in.requests).toBe(1);
    expect(keys.body.api_keys.find((candidate) => candidate.id === keyId)).toMatchObject({
      request_count: 2,
      last_used_at: new Date(at + 1).toISOString(),
    });
  });
});
