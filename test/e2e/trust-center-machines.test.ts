import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { fetchOnHost, getOnHost, requestOnHost, trustCenterHost } from '../support/trust-center.ts';

/** A trust center with one of everything a visitor may see, and a draft of each kind that they may not. */
async function furnishedTrustCenter(tenant: TestTenant) {
  const certification = await tenant.call<{ id: string }>('POST', '/api/v1/certifications', {
    body: {
      framework: 'SOC 2 Type II',
      issuer: 'Example Audit LLP',
      issued_at: '2025-03-01',
      expires_at: '2099-03-01',
      translations: { de: { description: 'Jährlich geprüft.' } },
    },
  });
  const restricted = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Penetration test 2025', access_level: 'requires_nda' },
  });
  const open = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Security overview', access_level: 'public' },
  });
  for (const id of [restricted.body.id, open.body.id]) {
    await tenant.call('PUT', `/api/v1/documents/${id}/file`, {
      rawBody: 'A document.\n',
      headers: { 'Content-Type': 'text/plain' },
    });
  }
  const draftDocument = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'Draft without file', access_level: 'public' },
  });
  const subprocessor = await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
    body: { name: 'Example Cloud', purpose: 'Hosting', data_categories: ['Customer data'], location: 'DE' },
  });
  await tenant.call('POST', '/api/v1/faqs', {
    body: { question: 'Is a draft shown?', answer: 'Never.', published: false },
  });
  const entry = await tenant.call<{ id: string }>('POST', '/api/v1/knowledge-base', {
    body: { question: 'Do you support single sign-on?', answer: 'Yes, SAML and OIDC.', tags: ['sso'] },
  });
  return {
    certification: certification.body.id,
    restricted: restricted.body.id,
    open: open.body.id,
    draftDocument: draftDocument.body.id,
    subprocessor: subprocessor.body.id,
    entry: entry.body.id,
  };
}

function textOf(result: unknown): unknown {
  const content = (result as { content: { type: string; text: string }[] }).content;
  return JSON.parse(content[0]?.text ?? 'null');
}

describe('machine-readable trust data', () => {
  it('publishes trust.json, valid against the JSON Schema it names, published beside it', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const ids = await furnishedTrustCenter(tenant);

    const data = await getOnHost<Record<string, unknown>>(host, '/trust.json');
    const schemaUrl = new URL(String(data.body.$schema));
    const schema = await getOnHost<Record<string, unknown>>(host, schemaUrl.pathname);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema.body);
    const valid = validate(data.body);

    expect(data.status).toBe(200);
    expect(data.headers.get('etag')).toBeTruthy();
    expect(schemaUrl.host).toBe(`${host}:${new URL(schemaUrl).port}`);
    expect(schema.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(data.body).toMatchObject({
      version: '1.0',
      certifications: [{ id: ids.certification, issuer: 'Example Audit LLP', issued_at: '2025-03-01' }],
      subprocessors: [{ id: ids.subprocessor, purpose: 'Hosting', location: 'DE' }],
    });
    const documents = data.body.documents as {
      id: string;
      access_level: string;
      request_access_url: string | null;
    }[];
    expect(documents.map((document) => document.id).sort()).toEqual([ids.open, ids.restricted].sort());
    expect(documents.find((document) => document.id === ids.restricted)?.request_access_url).toContain(
      ids.restricted,
    );
    expect(data.text).not.toContain(ids.draftDocument);
    expect(data.text).not.toContain('Is a draft shown?');
  });

  it('refuses a trust.json that breaks its own schema: the validator is not vacuous', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const data = await getOnHost<Record<string, unknown>>(host, '/trust.json');
    const schema = await getOnHost<Record<string, unknown>>(host, '/trust.schema.json');
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema.body);

    expect(validate(data.body)).toBe(true);
    expect(validate({ ...data.body, version: '0.9' })).toBe(false);
    expect(validate({ ...data.body, certifications: [{ id: 'cert_1' }] })).toBe(false);
  });

  it('serves security.txt with the fields RFC 9116 requires, once the brand names a security contact', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const before = await getOnHost(host, '/.well-known/security.txt');
    await tenant.call('PATCH', '/api/v1/brand', { body: { security_contact: 'security@acme.example' } });

    const answer = await getOnHost(host, '/.well-known/security.txt');
    const fields = answer.text
      .trimEnd()
      .split('\n')
      .map((line) => line.split(': ')) as [string, string][];
    const values = (name: string) => fields.filter(([field]) => field === name).map(([, value]) => value);
    const expires = new Date(values('Expires')[0] ?? '');
    const daysLeft = (expires.getTime() - Date.now()) / 86_400_000;

    expect(before.status).toBe(404);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(values('Contact')).toEqual(['mailto:security@acme.example']);
    // §2.5.3 Contact (at least one, a URI), §2.5.5 Expires (exactly one, ISO 8601, under a year ahead).
    expect(values('Contact').length).toBeGreaterThanOrEqual(1);
    for (const contact of values('Contact')) expect(contact).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
    expect(values('Expires')).toHaveLength(1);
    expect(values('Expires')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(daysLeft).toBeGreaterThan(0);
    expect(daysLeft).toBeLessThan(366);
    // §2.5.8 Preferred-Languages (at most one, comma-separated tags), §2.5.2 Canonical (this very URI).
    expect(values('Preferred-Languages')).toHaveLength(1);
    expect(values('Preferred-Languages')[0]).toMatch(/^[a-z]{2}(, [a-z]{2})*$/);
    expect(values('Canonical').map((url) => new URL(url).pathname)).toContain('/.well-known/security.txt');
    expect(values('Canonical').map((url) => new URL(url).hostname)).toContain(host);
  });

  it('serves llms.txt, sitemap.xml and robots.txt for the host', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const ids = await furnishedTrustCenter(tenant);

    const llms = await getOnHost(host, '/llms.txt');
    const sitemap = await getOnHost(host, '/sitemap.xml');
    const robots = await getOnHost(host, '/robots.txt');

    expect(llms.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(llms.text).toMatch(/^# .+\n\n> .+\n/);
    expect(llms.text).toContain('SOC 2 Type II, issued by Example Audit LLP');
    expect(llms.text).toContain(`document_ids=${ids.restricted}`);
    expect(llms.text).toContain(`http://${host}:`);
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(sitemap.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    expect(sitemap.text).toMatch(new RegExp(`<loc>http://${host.replaceAll('.', '\\.')}:\\d+/de/faq</loc>`));
    expect(sitemap.text).toContain('hreflang="fr"');
    expect(robots.text).toMatch(/^User-agent: \*$/m);
    expect(robots.text).toMatch(
      new RegExp(`^Sitemap: http://${host.replaceAll('.', '\\.')}:\\d+/sitemap\\.xml$`, 'm'),
    );
    for (const path of [
      '/llms.txt',
      '/sitemap.xml',
      '/robots.txt',
      '/trust.json',
      '/.well-known/security.txt',
    ]) {
      expect((await getOnHost('nobody.localhost', path)).status).toBe(404);
    }
  });
});

describe('the MCP server', () => {
  async function connect(host: string): Promise<Client> {
    const client = new Client({ name: 'buyer-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://${host}/mcp`), { fetch: fetchOnHost(host) }),
    );
    return client;
  }

  it('lists its read-only tools to the official client', async () => {
    const tenant = newTenant();
    const client = await connect(await trustCenterHost(tenant));

    const { tools } = await client.listTools();
    await client.close();

    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'list_certifications',
      'list_documents',
      'list_subprocessors',
      'request_document_access',
      'search_knowledge_base',
    ]);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint).toBe(true);
  });

  it("answers each tool with the host's published content only, and never a restricted file", async () => {
    const tenant = newTenant();
    const other = newTenant();
    const host = await trustCenterHost(tenant);
    const ids = await furnishedTrustCenter(tenant);
    const otherIds = await furnishedTrustCenter(other);
    const client = await connect(host);

    const certifications = textOf(
      await client.callTool({ name: 'list_certifications', arguments: { language: 'de' } }),
    );
    const subprocessors = textOf(await client.callTool({ name: 'list_subprocessors', arguments: {} }));
    const documents = textOf(await client.callTool({ name: 'list_documents', arguments: {} })) as {
      documents: { id: string; access_level: string; request_access_url?: string; download_page?: string }[];
    };
    const search = textOf(
      await client.callTool({ name: 'search_knowledge_base', arguments: { query: 'singel sign' } }),
    );
    const access = textOf(
      await client.callTool({
        name: 'request_document_access',
        arguments: { document_ids: [ids.restricted] },
      }),
    );
    const foreign = await client.callTool({
      name: 'request_document_access',
      arguments: { document_ids: [otherIds.restricted] },
    });
    await client.close();

    expect(certifications).toMatchObject({
      certifications: [{ id: ids.certification, description: 'Jährlich geprüft.' }],
    });
    expect(subprocessors).toMatchObject({ subprocessors: [{ id: ids.subprocessor }] });
    expect(documents.documents.map((document) => document.id).sort()).toEqual(
      [ids.open, ids.restricted].sort(),
    );
    const restricted = documents.documents.find((document) => document.id === ids.restricted);
    expect(restricted?.request_access_url).toMatch(
      new RegExp(`/en/request\\?document_ids=${ids.restricted}$`),
    );
    expect(restricted?.download_page).toBeUndefined();
    expect(JSON.stringify(documents)).not.toMatch(/X-Amz-Signature|tenants\//);
    expect(search).toMatchObject({ results: [{ id: ids.entry }] });
    expect(access).toMatchObject({ request_access_url: expect.stringContaining(ids.restricted) });
    expect(foreign.isError).toBe(true);
    const everything = JSON.stringify([certifications, subprocessors, documents, search, access]);
    for (const id of Object.values(otherIds)) expect(everything).not.toContain(id);
    expect(everything).not.toContain(ids.draftDocument);
  });

  it('answers malformed JSON-RPC in the error format, and an unknown host 404', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);

    const notJsonRpc = await requestOnHost('POST', host, '/mcp', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    const elsewhere = await requestOnHost('POST', 'nobody.localhost', '/mcp', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const stream = await requestOnHost('GET', host, '/mcp', { headers: { Accept: 'text/event-stream' } });

    expect(notJsonRpc.status).toBe(400);
    expect(notJsonRpc.body).toMatchObject({ error: { type: 'validation_error' } });
    expect(elsewhere.status).toBe(404);
    expect(stream.status).toBe(405);
  });

  it('throttles each source per trust center: past the limit, 429 with Retry-After', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const call = () =>
      requestOnHost('POST', host, '/mcp', {
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });

    // test/setup/platform.ts sets mcp.source to 30 an hour for the test run.
    const statuses: number[] = [];
    for (let sent = 0; sent < 30; sent++) statuses.push((await call()).status);
    const refused = await call();

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: { type: 'rate_limit_error' } });
  });
});
