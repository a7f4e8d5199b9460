import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ORGANIZATION_EXPORT_RETENTION } from '#shared/aws/object-retention';
import { makeAccessRequest } from '../support/access-requests.ts';
import { baseUrl, newTenant, request } from '../support/api.ts';
import { uniqueSlug } from '../support/brand.ts';
import { documentsBucket } from '../support/bucket.ts';
import { newOrganization, onePagePdf, operatorJwt, PASSWORD, signIn } from '../support/organizations.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';
import { tenantItems, useTableFromThisProcess } from '../support/table.ts';
import { png } from '../unit/documents/file-fixtures.ts';

interface ExportView {
  id: string;
  status: 'pending' | 'ready' | 'expired';
  completed_at: string | null;
  expires_at: string | null;
  counts: Record<string, number> | null;
  download_url: string | null;
}

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  useTableFromThisProcess();
  ({ s3, bucket } = await documentsBucket());
});

/** Every entry of a ZIP, read with yauzl to its end (a truncated or corrupt archive throws). */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The stored files of the organization, by key, read straight from the bucket (exports aside). */
async function storedFiles(orgId: string): Promise<Map<string, Buffer>> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenants/${orgId}/` }));
  const files = new Map<string, Buffer>();
  for (const { Key } of listed.Contents ?? []) {
    if (!Key || Key.startsWith(`tenants/${orgId}/exports/`)) continue;
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
    files.set(Key, Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array())));
  }
  return files;
}

/** Every stored value of a secret attribute of the tenant's items (hashes, sealed secrets, usage keys). */
async function storedSecrets(orgId: string): Promise<string[]> {
  const secrets: string[] = [];
  for (const item of await tenantItems(orgId))
    for (const [name, value] of Object.entries(item))
      if (/hash|sealed|secret|usageKeyValue/i.test(name) && typeof value === 'string') secrets.push(value);
  return secrets;
}

async function exportOf(token: string, orgId: string): Promise<ExportView> {
  const requested = await request<ExportView>('POST', `/api/v1/organizations/${orgId}/export`, { token });
  expect(requested.status, requested.text).toBe(202);
  expect(requested.body.status).toBe('pending');
  expect(requested.headers.get('location')).toBe(
    `/api/v1/organizations/${orgId}/exports/${requested.body.id}`,
  );
  await request('POST', '/_local/events/settle');
  const read = await request<ExportView>(
    'GET',
    `/api/v1/organizations/${orgId}/exports/${requested.body.id}`,
    {
      token,
    },
  );
  expect(read.status, read.text).toBe(200);
  return read.body;
}

/** An organization with at least one resource of every kind, and files of every kind. */
async function populatedOrganization() {
  const org = await newOrganization('Exported Corp');
  const { owner, orgId } = org;
  const pdf = await onePagePdf('SOC 2 report');
  const certificate = await onePagePdf('ISO certificate');
  const logo = png(8, 8);
  const document = await owner<{ id: string }>('POST', '/api/v1/documents', {
    body: { title: 'SOC 2 report', access_level: 'restricted' },
  });
  const certification = await owner<{ id: string }>('POST', '/api/v1/certifications', {
    body: { framework: 'ISO 27001', issuer: 'TÜV', issued_at: '2025-01-01', expires_at: '2028-01-01' },
  });
  const logoForm = new FormData();
  logoForm.append('file', new Blob([logo], { type: 'image/png' }), 'logo.png');
  const webhookSecret = await owner<{ secret: string }>('POST', '/api/v1/webhooks', {
    body: { url: 'http://127.0.0.1:9/export', events: ['account.created'] },
  });
  const key = await owner<{ data: { apiKey: { key: string } } }>('POST', '/api/v1/integrations/api-keys', {
    body: { name: 'CI', key_type: 'read_only' },
  });
  const memberEmail = uniqueEmail('export-member');
  const steps = [
    await owner('POST', '/api/v1/accounts', {
      body: {
        title: 'Customer',
        contacts: [{ email: 'c@customer.example', first_name: 'C', last_name: 'D' }],
      },
    }),
    document,
    await owner('PUT', `/api/v1/documents/${document.body.id}/file`, {
      rawBody: pdf,
      headers: { 'Content-Type': 'application/pdf' },
    }),
    certification,
    await owner('PUT', `/api/v1/certifications/${certification.body.id}/file`, {
      rawBody: certificate,
      headers: { 'Content-Type': 'application/pdf' },
    }),
    await owner('POST', '/api/v1/faqs', { body: { question: 'Encrypted?', answer: 'Yes.' } }),
    await owner('POST', '/api/v1/knowledge-base', { body: { question: 'SSO?', answer: 'SAML.' } }),
    await owner('POST', '/api/v1/subprocessors', {
      body: { name: 'AWS', purpose: 'Hosting', data_categories: ['Contact data'], location: 'DE' },
    }),
    await owner('PATCH', '/api/v1/brand', { body: { title: 'Exported Trust Center' } }),
    {
      status: (
        await fetch(`${baseUrl}/api/v1/brand/logo`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${org.ownerToken}` },
          body: logoForm,
        })
      ).status,
    },
    await owner('POST', '/api/v1/brand/domains', { body: { host: `${uniqueSlug('exp')}.example.com` } }),
    webhookSecret,
    key,
    await owner('POST', `/api/v1/organizations/${orgId}/members`, {
      body: { email: memberEmail, role: 'viewer' },
    }),
    await owner('PUT', '/api/v1/notifications/settings', {
      body: { channels: { slack: { webhook_url: 'http://127.0.0.1:9/services/slack-secret-url' } } },
    }),
    await owner('PATCH', `/api/v1/organizations/${orgId}/subscription`, {
      body: { billing_email: 'billing@exported.example' },
    }),
  ];
  expect(steps.map((step) => step.status)).toEqual([
    201, 201, 200, 201, 200, 201, 201, 201, 200, 200, 201, 201, 201, 201, 200, 200,
  ]);
  await makeAccessRequest({ tenantId: orgId, token: org.ownerToken, call: owner });
  const invoiced = await request('POST', '/_local/jobs/monthly-invoices?now=2024-02-01T00:30:00Z');
  expect(invoiced.status).toBe(200);
  await request('POST', '/_local/events/settle');
  return {
    ...org,
    uploaded: [pdf, certificate, logo],
    oneTimeSecrets: [key.body.data.apiKey.key, webhookSecret.body.secret, 'slack-secret-url'],
  };
}

/** What the API lists of each kind (resource kind in the archive, path, list key, id field). */
const LISTS = [
  ['account', '/api/v1/accounts', 'accounts'],
  ['document', '/api/v1/documents', 'documents'],
  ['certification', '/api/v1/certifications', 'certifications'],
  ['faq', '/api/v1/faqs', 'faqs'],
  ['knowledgeBaseEntry', '/api/v1/knowledge-base', 'entries'],
  ['subprocessor', '/api/v1/subprocessors', 'subprocessors'],
  ['accessRequest', '/api/v1/access-requests', 'access_requests'],
  ['webhook', '/api/v1/webhooks', 'webhooks'],
  ['apiKey', '/api/v1/integrations/api-keys', 'api_keys'],
  ['member', '/api/v1/organizations/{org}/members', 'members'],
  ['invitation', '/api/v1/organizations/{org}/invitations', 'invitations'],
  ['invoice', '/api/v1/organizations/{org}/invoices', 'invoices'],
  ['ndaVersion', '/api/v1/ndas', 'ndas', 'version'],
] as const;

describe('exporting an organization', () => {
  it('holds every resource the API lists and every stored file byte for byte, and no secret', async () => {
    const org = await populatedOrganization();
    const auditBefore = await org.owner<{ audit_logs: { id: string }[] }>(
      'GET',
      '/api/v1/audit-logs?limit=100',
    );

    const done = await exportOf(org.ownerToken, org.orgId);

    expect(done.status).toBe('ready');
    expect(done.download_url).toEqual(expect.any(String));
    // Kept for its retention: tagged for the bucket's lifecycle rule, and the answer says until when.
    const tagging = await s3.send(
      new GetObjectTaggingCommand({ Bucket: bucket, Key: `tenants/${org.orgId}/exports/${done.id}.zip` }),
    );
    expect(tagging.TagSet).toContainEqual({
      Key: ORGANIZATION_EXPORT_RETENTION.tag.key,
      Value: ORGANIZATION_EXPORT_RETENTION.tag.value,
    });
    expect(Date.parse(String(done.expires_at)) - Date.parse(String(done.completed_at))).toBe(
      ORGANIZATION_EXPORT_RETENTION.days * 24 * 60 * 60 * 1000,
    );
    const download = await fetch(String(done.download_url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('.zip');
    const archive = await unzip(Buffer.from(await download.arrayBuffer()));
    const kind = (name: string): unknown[] =>
      JSON.parse(archive.get(`resources/${name}.json`)?.toString() ?? '[]');

    for (const [name, path, key, idField = 'id'] of LISTS as readonly (readonly [
      string,
      string,
      string,
      string?,
    ])[]) {
      const listed = await org.owner<Record<string, Record<string, string>[]>>(
        'GET',
        `${path.replace('{org}', org.orgId)}?limit=100`,
      );
      expect(listed.status, `${path}: ${listed.text}`).toBe(200);
      const ids = (listed.body[key] ?? []).map((item) => item[idField]);
      const records = JSON.stringify(kind(name));
      expect(ids.length, `${name} listed`).toBeGreaterThanOrEqual(1);
      expect(kind(name), `${name} exported`).toHaveLength(done.counts?.[name] ?? -1);
      for (const id of ids) expect(records, `${name} ${id}`).toContain(id);
    }
    const audit = JSON.stringify(kind('auditEntry'));
    expect(auditBefore.body.audit_logs.length).toBeGreaterThan(10);
    for (const entry of auditBefore.body.audit_logs) expect(audit).toContain(entry.id);
    for (const single of ['organization', 'brand', 'subscription', 'notificationSettings', 'domain'])
      expect(kind(single).length, single).toBeGreaterThanOrEqual(1);

    const stored = await storedFiles(org.orgId);
    const archivedFiles = [...archive.keys()].filter((name) => name.startsWith('files/'));
    expect(archivedFiles.sort()).toEqual(
      [...stored.keys()].map((key) => `files/${key.slice(`tenants/${org.orgId}/`.length)}`).sort(),
    );
    for (const [key, bytes] of stored) {
      const archived = archive.get(`files/${key.slice(`tenants/${org.orgId}/`.length)}`);
      expect(archived?.equals(bytes), key).toBe(true);
    }
    for (const uploaded of org.uploaded)
      expect([...stored.values()].some((bytes) => bytes.equals(Buffer.from(uploaded)))).toBe(true);
    expect(archivedFiles.some((name) => name.includes('/invoices/'))).toBe(true);
    expect(done.counts?.files).toBe(stored.size);

    const text = [...archive.values()].map((bytes) => bytes.toString('latin1')).join('\n');
    const secrets = [...(await storedSecrets(org.orgId)), ...org.oneTimeSecrets];
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(text).not.toContain(secret);
    const manifest = JSON.parse(archive.get('manifest.json')?.toString() ?? '{}');
    expect(manifest).toMatchObject({ organization: { id: org.orgId }, counts: done.counts });
  });

  it('is for the owner or an operator: an admin signed in, or an admin key, gets 403', async () => {
    const org = await newOrganization('Guarded Corp');
    const adminEmail = uniqueEmail('export-admin');
    await org.owner('POST', `/api/v1/organizations/${org.orgId}/members`, {
      body: { email: adminEmail, role: 'admin' },
    });
    await request('POST', '/api/v1/invitations/accept', {
      body: { token: await invitationTokenFor(adminEmail), password: PASSWORD },
    });
    const admin = await signIn(adminEmail);
    const key = await org.owner<{ data: { apiKey: { key: string } } }>(
      'POST',
      '/api/v1/integrations/api-keys',
      {
        body: { name: 'Admin key', key_type: 'admin' },
      },
    );
    const mine = await exportOf(org.ownerToken, org.orgId);

    const byAdmin = await request('POST', `/api/v1/organizations/${org.orgId}/export`, { token: admin });
    const byKey = await request('POST', `/api/v1/organizations/${org.orgId}/export`, {
      token: key.body.data.apiKey.key,
    });
    const readByAdmin = await request('GET', `/api/v1/organizations/${org.orgId}/exports/${mine.id}`, {
      token: admin,
    });
    const byOperator = await exportOf(await operatorJwt(), org.orgId);

    expect([byAdmin.status, byKey.status, readByAdmin.status]).toEqual([403, 403, 403]);
    expect(byOperator.status).toBe('ready');
  });

  it("never reaches another organization's export: 404 by either path", async () => {
    const [mine, theirs] = [await newOrganization('Mine Corp'), await newOrganization('Theirs Corp')];
    const done = await exportOf(mine.ownerToken, mine.orgId);

    const viaTheirOrg = await request('GET', `/api/v1/organizations/${theirs.orgId}/exports/${done.id}`, {
      token: theirs.ownerToken,
    });
    const viaMyOrg = await request('GET', `/api/v1/organizations/${mine.orgId}/exports/${done.id}`, {
      token: theirs.ownerToken,
    });
    const exportMine = await request('POST', `/api/v1/organizations/${mine.orgId}/export`, {
      token: theirs.ownerToken,
    });
    const stranger = await newTenant().call('GET', `/api/v1/organizations/${mine.orgId}/exports/${done.id}`);

    expect([viaTheirOrg.status, viaMyOrg.status, exportMine.status, stranger.status]).toEqual([
      404, 404, 404, 404,
    ]);
  });
});
