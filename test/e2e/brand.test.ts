import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { baseUrl, newTenant, type TestTenant } from '../support/api.ts';
import { giveOrganization, visit } from '../support/brand.ts';
import { png } from '../unit/documents/file-fixtures.ts';

const run = promisify(execFile);

interface Brand {
  title: string;
  primary_color: string;
  deployment_domains: string;
  footer_text: string | null;
  colors: { primary: { color: string; text_color: string; contrast: number } };
  logo: { url: string; content_type: string; size: number; sha256: string } | null;
  default_host: string | null;
  [field: string]: unknown;
}

/** Runs curl with the seed's arguments, the base URL and token swapped in, and parses its JSON answer. */
async function curl(tenant: TestTenant, args: string[]): Promise<{ status: number; body: Brand }> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args], {
    env: { ...process.env, TOKEN: tenant.token },
  });
  const lines = stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n')) as Brand };
}

describe('brand (seed 1)', () => {
  it('takes seed 1’s PATCH /api/v1/brand curl verbatim and answers the brand', async () => {
    const tenant = newTenant();
    await giveOrganization(tenant, { plan: 'business' });

    const patched = await curl(tenant, [
      '-X',
      'PATCH',
      `${baseUrl}/api/v1/brand`,
      '-H',
      `Authorization: Bearer ${tenant.token}`,
      '-H',
      'Content-Type: application/json',
      '-d',
      `{
"title": "Acme Trust Center",
"primary_color": "#0066cc",
"deployment_domains": "trust.acme.com,trust.acme.de",
"footer_text": "© 2025 Acme. All rights reserved."
}`,
    ]);

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Acme Trust Center',
      primary_color: '#0066cc',
      footer_text: '© 2025 Acme. All rights reserved.',
    });
    expect(patched.body.deployment_domains).toBe('trust.acme.com,trust.acme.de');
    expect(patched.body.colors.primary).toEqual({ color: '#0066cc', text_color: '#ffffff', contrast: 5.56 });
    const read = await tenant.call<Brand>('GET', '/api/v1/brand');
    expect(read.body).toEqual(patched.body);
  });

  it('takes seed 1’s multipart logo curl verbatim and serves the logo on the tenant’s host', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);
    const folder = await mkdtemp(join(tmpdir(), 'brand-logo-'));
    const logo = png(8, 8);
    await writeFile(join(folder, 'company-logo.png'), logo);

    const uploaded = await curl(tenant, [
      '-X',
      'PUT',
      `${baseUrl}/api/v1/brand/logo`,
      '-H',
      `Authorization: Bearer ${tenant.token}`,
      '-H',
      'Content-Type: multipart/form-data',
      '-F',
      `file=@${join(folder, 'company-logo.png')}`,
    ]);

    expect(uploaded.status).toBe(200);
    expect(uploaded.body.logo).toMatchObject({ content_type: 'image/png', size: logo.length });
    const served = await visit(host, uploaded.body.logo?.url ?? '');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.bytes.equals(logo)).toBe(true);
  });
});
