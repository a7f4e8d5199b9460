import { describe, expect, it } from 'vitest';
import { apiUsageRecordOf, countsAgainstQuota } from '#services/billing/api-usage-records';
import { statusClassOf } from '#services/billing/status-classes';
import type { AccessLogRecord } from '#shared/observability/access-log';

const org = 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P';
const line = (fields: AccessLogRecord): AccessLogRecord => ({
  method: 'GET',
  resource: '/api/v1/accounts/{id}',
  status: '200',
  responseLatency: '42',
  requestTimeEpoch: '1764500000000',
  tenantId: org,
  principalId: 'key_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  principalType: 'api_key',
  ...fields,
});

describe('access log lines as API usage', () => {
  it("count an organization's API key by its id, with the route table's operation", () => {
    expect(apiUsageRecordOf(line({}))).toEqual({
      tenantId: org,
      principal: 'key_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
      operation: 'getAccount',
      status: 200,
      latencyMs: 42,
      at: new Date(1764500000000),
    });
  });

  it('count signed-in people together, and platform keys under the operators', () => {
    expect(apiUsageRecordOf(line({ principalId: 'usr_1', principalType: 'user' }))?.principal).toBe('people');
    expect(apiUsageRecordOf(line({ tenantId: 'platform', principalType: 'operator' }))).toMatchObject({
      tenantId: 'platform',
      principal: 'key_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
    });
  });

  it('leave out what is no organization’s request: no credential, operators signed in, development credentials, undeclared routes', () => {
    expect(
      apiUsageRecordOf(line({ tenantId: '-', principalId: '-', principalType: '-', status: '401' })),
    ).toBeUndefined();
    expect(
      apiUsageRecordOf(line({ tenantId: 'platform', principalId: 'sub-1', principalType: 'operator' })),
    ).toBeUndefined();
    expect(apiUsageRecordOf(line({ principalType: 'development', principalId: 'dev' }))).toBeUndefined();
    expect(apiUsageRecordOf(line({ resource: '/{proxy+}', method: 'ANY' }))).toBeUndefined();
    expect(apiUsageRecordOf(line({ requestTimeEpoch: '-' }))).toBeUndefined();
  });

  it('sort statuses into disjoint classes, and count all but throttled ones against the quota', () => {
    expect([200, 204, 304, 400, 404, 429, 500, 503].map(statusClassOf)).toEqual([
      '2xx',
      '2xx',
      '3xx',
      '4xx',
      '4xx',
      '429',
      '5xx',
      '5xx',
    ]);
    const record = apiUsageRecordOf(line({ status: '429' }));
    expect(record && countsAgainstQuota(record)).toBe(false);
    const accepted = apiUsageRecordOf(line({ status: '404' }));
    expect(accepted && countsAgainstQuota(accepted)).toBe(true);
  });
});
