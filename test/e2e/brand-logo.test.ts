import { describe, expect, it } from 'vitest';
import { settle } from '../support/analytics.ts';
import { baseUrl, newTenant, type TestTenant } from '../support/api.ts';
import { giveOrganization, platformHost, uniqueSlug, visit } from '../support/brand.ts';
import { png } from '../unit/documents/file-fixtures.ts';

interface Asset {
  url: string;
  content_type: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
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

/** Uploads `bytes` as the tenant's logo and answers the brand's logo field. */
async function uploadLogo(tenant: TestTenant, bytes: Buffer, name = 'logo.png'): Promise<Asset> {
  const response = await upload(tenant, '/api/v1/brand/logo', { bytes, name });
  expect(response.status).toBe(200);
  return ((await response.json()) as { logo: Asset }).logo;
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
    expect(logo).toMatchObject({ width: 10, height: 10 });
    const answer = await visit(host, logo.url);
    const served = { type: answer.headers['content-type'], text: answer.bytes.toString('utf8') };
    expect(served.type).toBe('image/svg+xml');
    // Served from the trust center's own origin: opened as a page, nothing in it may run or load.
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
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
    const page = await visit(host, '/en');
    const conventionalBefore = await visit(host, '/favicon.ico');

    const response = await upload(tenant, '/api/v1/brand/favicon', { bytes: icon, name: 'favicon.png' });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { favicon: Asset; logo: Asset | null };
    expect(body.logo).toBeNull();
    expect(body.favicon).toMatchObject({
      content_type: 'image/png',
      size: icon.length,
      width: 16,
      height: 16,
    });
    const served = await visit(host, body.favicon.url);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(icon)).toBe(true);
    // Before: an empty icon link, so browsers ask for no /favicon.ico, which is a plain 404 (no language
    // redirect to a branded page). After: /favicon.ico leads to the brand's once the site has it.
    expect(String(page.body)).toContain('<link rel="icon" href="data:,"/>');
    expect(conventionalBefore.status).toBe(404);
    expect(conventionalBefore.headers.location).toBeUndefined();
    await settle();
    const conventionalAfter = await visit(host, '/favicon.ico');
    expect(conventionalAfter.status).toBe(302);
    expect(conventionalAfter.headers.location).toBe(body.favicon.url);
  });

  it('serves the logo from the trust center’s own host: its bytes and type, cacheable for good, its size kept', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);
    const image = png(40, 20);

    const logo = await uploadLogo(tenant, image);
    const served = await visit(host, logo.url);

    expect(logo.url).toMatch(/^\/api\/v1\/public\/brand\/logo\?v=[0-9a-f]{16}$/);
    expect(logo).toMatchObject({ width: 40, height: 20 });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.bytes.equals(image)).toBe(true);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers.etag).toBe(`"${logo.sha256}"`);
  });

  it('answers a cache that holds the current version 304, without the bytes', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);
    const logo = await uploadLogo(tenant, png(8, 8));

    const revalidated = await visit(host, logo.url, { headers: { 'If-None-Match': `"${logo.sha256}"` } });

    expect(revalidated.status).toBe(304);
    expect(revalidated.bytes.length).toBe(0);
    expect(revalidated.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends an address without a version, or with an old one, to the current version on the same host (302)', async () => {
    const tenant = newTenant();
    const { host } = await giveOrganization(tenant);
    const first = await uploadLogo(tenant, png(8, 8));
    const second = await uploadLogo(tenant, png(12, 12));

    const [bare, old] = await Promise.all([visit(host, '/api/v1/public/brand/logo'), visit(host, first.url)]);

    expect(second.url).not.toBe(first.url);
    for (const redirect of [bare, old]) {
      expect(redirect.status).toBe(302);
      expect(redirect.headers.location).toBe(second.url);
      // Where the current version is changes with the next upload: no cache may keep the redirect.
      expect(redirect.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves each host its own brand only: another trust center’s version leads to this one’s, never its bytes', async () => {
    const acme = newTenant();
    const globex = newTenant();
    const hostless = newTenant();
    const acmeHost = (await giveOrganization(acme)).host;
    const globexHost = (await giveOrganization(globex)).host;
    const hostlessHost = (await giveOrganization(hostless)).host;
    const acmeLogo = await uploadLogo(acme, png(8, 8));
    const globexLogo = await uploadLogo(globex, png(9, 9));

    const [onGlobex, onHostless, onNoTrustCenter, malformed] = await Promise.all([
      visit(globexHost, acmeLogo.url),
      visit(hostlessHost, acmeLogo.url),
      visit(`${uniqueSlug()}.${platformHost}`, acmeLogo.url),
      visit(acmeHost, '/api/v1/public/brand/logo?v=../../documents'),
    ]);

    expect(onGlobex.status).toBe(302);
    expect(onGlobex.headers.location).toBe(globexLogo.url);
    expect(onHostless.status).toBe(404);
    expect(onNoTrustCenter.status).toBe(404);
    expect(malformed.status).toBe(400);
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
