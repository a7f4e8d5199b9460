import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';

// The document's content is checked in test/unit/openapi/openapi-document.test.ts; here, that it is served.
describe('the OpenAPI document', () => {
  it('is served at GET /api/v1/openapi.json without a credential', async () => {
    const response = await request('GET', '/api/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(await readFile('shared/openapi/openapi.json', 'utf8')));
  });
});
