import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eventCatalogue, routes } from '#services/registry';
import { openApiDocument, serializeDocument } from '#shared/openapi/document';

const committedPath = 'shared/openapi/openapi.json';
const run = promisify(execFile);

describe('the OpenAPI document', () => {
  it('is current: the committed file equals what the route table generates (run `npm run openapi`)', async () => {
    const committed = await readFile(committedPath, 'utf8');

    expect(committed).toBe(serializeDocument(openApiDocument(routes, eventCatalogue)));
  });

  it('declares every route of the route table with its operation id', () => {
    const document = openApiDocument(routes) as unknown as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };

    const declared = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
      ),
    );

    expect(declared.sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path} ${route.operationId}`).sort(),
    );
  });

  it('publishes a JSON body as required exactly when the route refuses a request without one', () => {
    const document = openApiDocument(routes) as unknown as {
      paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>>;
    };

    for (const route of routes.filter((candidate) => candidate.request?.body)) {
      const published = document.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.required;
      const optional = route.request?.body?.safeParse(undefined).success ?? false;
      expect(published, `${route.method} ${route.path}`).toBe(!optional);
    }
    // At least one route takes an optional body (revoking access), so both branches are exercised.
    expect(routes.some((route) => route.request?.body?.safeParse(undefined).success)).toBe(true);
  });

  it('publishes every catalogue event offered to webhooks as a webhook POST with its payload', () => {
    const document = openApiDocument(routes, eventCatalogue) as unknown as {
      webhooks: Record<string, { post?: { requestBody?: unknown; parameters?: { name: string }[] } }>;
    };

    expect(Object.keys(document.webhooks).sort()).toEqual(
      eventCatalogue
        .filter((event) => event.webhook !== false)
        .map((event) => event.type)
        .sort(),
    );
    for (const webhook of Object.values(document.webhooks)) {
      expect(webhook.post?.requestBody).toBeDefined();
      expect(webhook.post?.parameters?.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
      );
    }
  });

  it('passes Redocly lint with no errors', async () => {
    const { stdout } = await run('node_modules/.bin/redocly', ['lint', committedPath, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { message: string }[];
    };

    expect(report.totals.errors, JSON.stringify(report.problems, null, 2)).toBe(0);
  }, 60_000);
});
