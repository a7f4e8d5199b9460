import { describe, expect, it } from 'vitest';
import { baseUrl, newTenant, type TestTenant } from '../support/api.ts';
import { giveOrganization, visit } from '../support/brand.ts';
import { png } from '../unit/documents/file-fixtures.ts';

interface Asset {
  url: string;
  content_type: string;
  size: number;
  sha256: string;
}

/** Sends a file as the `file` field of a multipart form, as browsers and `curl -F` do. */
function upload(
  tenant: TestTenant,
  path: string,
  file: { bytes: Buffer | string; name: string; type?: string },
  field = 'file',
) {
  const form = new FormData();
  form.append(field, new Blob([file.bytes], file.type ? { type: file.type } : {}), file.name);
  return fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${tenant.token}` },
    body: form,
  });
}

async function servedBytes(host: string, url: string): Promise<{ type: string | null; text: string }> {
  const redirect = await visit(host, url);
  expect(redirect.status).toBe(302);
  const served = await fetch(String(redirect.headers.location));
  return { type: served.headers.get('content-type'), text: await served.text() };
}

const HOSTILE_SVG = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <style>@import url(https://evil.example/x.css);</style>
  <rect width="10" height="10" fill="#0066cc" onclick="alert(2)" style="fill:url(https://evil.example/p)"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <a href="javascript:alert(3)"><text x="1" y="8">Acme &amp; Co</text></a>
  <foreignObject><iframe src="https://evil.example"></iframe></foreignObject>
  <set attributeName="onmouseover" to="alert(4)"/>
  <circle cx="5" cy="5" r="2" fill="url(#g)"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
</svg>`;

describe('brand images', () => {
  it('stores a hostile SVG logo only after sanitizing it: no script, handler or external reference', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);

    const response = await upload(tenant, '/api/v1/brand/logo', {
      bytes: HOSTILE_SVG,
      name: 'logo.svg',
      type: 'image/svg+xml',
    });

    expect(response.status).toBe(200);
    const { logo } = (await response.json()) as { logo: Asset };
    expect(logo.content_type).toBe('image/svg+xml');
    const served = await servedBytes(host, logo.url);
    expect(served.type).toBe('image/svg+xml');
    for (const hostile of [
      'script',
      'onload',
      'onclick',
      'onmouseover',
      'evil.example',
      'javascript:',
      'foreignObject',
      'xxe',
      '@import',
      'iframe',
    ])
      expect(served.text).not.toContain(hostile);
    // What is harmless stays: the drawing, the local gradient, the text.
    expect(served.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(served.text).toContain('fill="url(#g)"');
    expect(served.text).toContain('Acme &amp; Co');
  });

  it('takes a favicon the same way, on its own route', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);
    const icon = png(16, 16);

    const response = await upload(tenant, '/api/v1/brand/favicon', { bytes: icon, name: 'favicon.png' });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { favicon: Asset; logo: Asset | null };
    expect(body.logo).toBeNull();
    expect(body.favicon).toMatchObject({ content_type: 'image/png', size: icon.length });
    const redirect = await visit(host, body.favicon.url);
    expect(redirect.status).toBe(302);
  });

  it('refuses a file over 1 MiB with 413, naming the file', async () => {
    const tenant = newTenant();
    const big = Buffer.concat([png(8, 8), Buffer.alloc(1024 * 1024)]);

    const response = await upload(tenant, '/api/v1/brand/logo', {
      bytes: big,
      name: 'big.png',
      type: 'image/png',
    });

    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('file');
  });

  it('refuses by content: a renamed executable, a PNG that does not decode, a lie about the type (415)', async () => {
    const tenant = newTenant();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]);
    const brokenPng = png(8, 8).subarray(0, 40);
    const svgAsPng = { bytes: '<svg xmlns="http://www.w3.org/2000/svg"/>', name: 'x.png', type: 'image/png' };

    const answers = await Promise.all([
      upload(tenant, '/api/v1/brand/logo', { bytes: elf, name: 'logo.png', type: 'image/png' }),
      upload(tenant, '/api/v1/brand/logo', { bytes: brokenPng, name: 'logo.png', type: 'image/png' }),
      upload(tenant, '/api/v1/brand/logo', svgAsPng),
      upload(tenant, '/api/v1/brand/logo', { bytes: 'just text', name: 'logo.txt', type: 'text/plain' }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([415, 415, 415, 415]);
    const read = await tenant.call<{ logo: unknown }>('GET', '/api/v1/brand');
    expect(read.body.logo).toBeNull();
  });

  it('asks for the form field `file` (400) and for a multipart body (415)', async () => {
    const tenant = newTenant();

    const wrongField = await upload(tenant, '/api/v1/brand/logo', { bytes: png(), name: 'a.png' }, 'image');
    const json = await tenant.call('PUT', '/api/v1/brand/logo', { body: { file: 'x' } });

    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as { error: { param: string } }).error.param).toBe('file');
    expect(json.status).toBe(415);
  });
});
