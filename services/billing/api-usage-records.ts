/**
 * From an access log line (shared/observability/access-log.ts) to what the API usage counters count: whose
 * request it was, which operation, how it ended and how long it took. Pure, no I/O.
 */

import type { AccessLogRecord } from '#shared/observability/access-log';
import operations from '../../shared/openapi/operations.json' with { type: 'json' };

/** Whose request: an API key by its id, or the organization's signed-in people together. */
export const PEOPLE = 'people';

/** One request as the usage counters count it. */
export interface ApiUsageRecord {
  tenantId: string;
  /** `key_…` (an organization's API key, or a platform key under the tenant `platform`), or `people`. */
  principal: string;
  /** The route's operation id, from the route table (shared/openapi/operations.json). */
  operation: string;
  status: number;
  /** Milliseconds from arrival to response (API Gateway's responseLatency). */
  latencyMs: number;
  /** When the request arrived. */
  at: Date;
}

const operationByRoute: Readonly<Record<string, string>> = operations;

/** A field as written, or undefined for API Gateway's `-` and empty values. */
function field(record: AccessLogRecord, name: keyof AccessLogRecord): string | undefined {
  const value = record[name];
  return value === undefined || value === '' || value === '-' ? undefined : value;
}

/**
 * The request a line records, or undefined when it counts towards no organization's usage: no credential
 * was accepted (401, a refused IP), a platform operator signed in as a person, a development credential
 * (local tests), or a path no route declares.
 */
export function apiUsageRecordOf(record: AccessLogRecord): ApiUsageRecord | undefined {
  const tenantId = field(record, 'tenantId');
  const principalId = field(record, 'principalId');
  const type = field(record, 'principalType');
  if (!tenantId || !principalId || !type) return undefined;
  const isKey = principalId.startsWith('key_') && (type === 'api_key' || type === 'operator');
  if (!isKey && type !== 'user') return undefined;
  const operation = operationByRoute[`${field(record, 'method')} ${field(record, 'resource')}`];
  const status = Number(field(record, 'status'));
  const at = Number(field(record, 'requestTimeEpoch'));
  if (!operation || !Number.isInteger(status) || !Number.isFinite(at)) return undefined;
  const latency = Number(field(record, 'responseLatency'));
  return {
    tenantId,
    principal: isKey ? principalId : PEOPLE,
    operation,
    status,
    latencyMs: Number.isFinite(latency) && latency >= 0 ? latency : 0,
    at: new Date(at),
  };
}

/**
 * Whether the request counts against the monthly quota: API Gateway's usage plans count what they let
 * through, so a request they throttled (429) does not.
 */
export function countsAgainstQuota(record: ApiUsageRecord): boolean {
  return record.status !== 429;
}
