import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { routes } from '#services/registry';
import { operationTable, serializeOperationTable } from '#shared/openapi/operations';

describe('the operation table', () => {
  it('is current: the committed file equals what the route table generates (run `npm run openapi`)', async () => {
    const committed = await readFile('shared/openapi/operations.json', 'utf8');

    expect(committed).toBe(serializeOperationTable(operationTable(routes)));
  });

  it('names every route of the route table by its method and path template', () => {
    const table = operationTable(routes);

    expect(Object.keys(table)).toHaveLength(routes.length);
    for (const route of routes) expect(table[`${route.method} ${route.path}`]).toBe(route.operationId);
  });
});
