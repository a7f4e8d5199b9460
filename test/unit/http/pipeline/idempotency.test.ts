import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke, member, route } from './invoke.ts';

/**
 * Only what the pipeline decides before the idempotency store is reached. The store is DynamoDB through the
 * `dynamo()` client singleton, which cannot be substituted without mocking the AWS SDK, so replaying,
 * conflicting and per-principal records are proven against DynamoDB Local (test/e2e/accounts.test.ts,
 * bulk.test.ts, secrets-at-rest.test.ts).
 */
let runs = 0;
const creating = (auth: 'public' | 'tenant', method: 'GET' | 'POST' = 'POST') =>
  route({
    auth,
    method,
    responses: { 200: { description: 'Created' } },
    handler: async () => {
      runs += 1;
      return { status: 200, body: { run: runs } };
    },
  });

beforeEach(() => {
  runs = 0;
  // Nothing listens here: a request that reached the store would fail, not pass.
  vi.stubEnv('TC_ENDPOINT_DYNAMODB', 'http://127.0.0.1:9');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'unit');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('an Idempotency-Key', () => {
  it.each([
    ['empty', ''],
    ['with a space', 'order 1'],
    ['with a non-ASCII character', 'bestellung-ä'],
    ['over 255 characters', 'k'.repeat(256)],
  ])('is refused with a 400 naming it when it is %s, before the handler runs', async (_, key) => {
    const answer = await invoke(creating('tenant'), {
      identity: member,
      headers: { 'Idempotency-Key': key },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { type: 'validation_error', param: 'Idempotency-Key' } });
    expect(runs).toBe(0);
  });

  it('is ignored on a GET', async () => {
    const target = creating('tenant', 'GET');

    const first = await invoke(target, { identity: member, headers: { 'Idempotency-Key': 'k-1' } });
    const second = await invoke(target, { identity: member, headers: { 'Idempotency-Key': 'k-1' } });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(runs).toBe(2);
  });

  it('is ignored on a public POST, which has no caller to keep a record for', async () => {
    const answer = await invoke(creating('public'), { headers: { 'Idempotency-Key': 'k-1' } });

    expect(answer.status).toBe(200);
    expect(runs).toBe(1);
  });
});
