/**
 * Consumer use case: build an organization's export archive (issue 16, item 2). Primary course: 1. read
 * the export (ready already: nothing to do, the event came again); 2. stream one ZIP (yazl) into the
 * documents bucket at `tenants/<org>/exports/<export id>.zip` (a multipart upload, so nothing is held
 * whole): `resources/<kind>.json` per resource kind, built from every item of the tenant as the purge
 * finds them (tenant-data.ts), `files/<path>` for every stored file under `tenants/<org>/` (previous
 * exports aside), byte for byte, and `manifest.json`; 3. mark the export `ready` with
 * `organization.exported`, in one transaction. A failure anywhere aborts the upload and throws, so the
 * event is retried and the export stays `pending`; a retry rewrites the same key.
 */

import { PassThrough, type Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ZipFile } from 'yazl';
import { organizationExports, organizations } from '#services/identity/store';
import {
  type TenantObject,
  tenantItems,
  tenantObjectPrefix,
  tenantObjects,
} from '#services/identity/tenant-data';
import { ORGANIZATION_EXPORT_RETENTION } from '#shared/aws/object-retention';
import { s3 } from '#shared/aws/s3';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';

/** The archive's layout version, named in its manifest. */
export const EXPORT_FORMAT = 'trust-center-organization-export/1';

/**
 * Attributes never exported, at any depth: credentials and anything derived from them (API key and
 * token hashes, sealed webhook secrets and chat webhook URLs, API Gateway usage key values). The rule is
 * by name, so a new secret attribute named as the others are (`…Hash`, `sealed…`, `…Sealed`, `…Secret…`)
 * is kept out without a second list; test/e2e/organization-export.test.ts checks the archive for every
 * stored secret of a tenant.
 */
const SECRET_ATTRIBUTE = /hash|seal|secret|password|usageKeyValue/i;

/** Table keys and ElectroDB's bookkeeping: how an item is stored, not what it says. */
const STORAGE_ATTRIBUTE = /^(pk|sk|gsi\d+(pk|sk)|__edb_\w+)$/;

/** ElectroDB's marker of an item's entity: every resource has one; items without are the platform's own
 * bookkeeping (outbox events, idempotency records, rate-limit windows, consumer markers, counters). */
const ENTITY_ATTRIBUTE = '__edb_e__';

function exportable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(exportable);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Set) return [...value].map(exportable);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([name]) => !SECRET_ATTRIBUTE.test(name) && !STORAGE_ATTRIBUTE.test(name))
      .map(([name, inner]) => [name, exportable(inner)]),
  );
}

/** Every resource of the tenant, by kind (the entity's name), secrets and storage keys removed. */
async function resourcesByKind(orgId: string): Promise<Map<string, unknown[]>> {
  const byKind = new Map<string, unknown[]>();
  for await (const item of tenantItems(orgId)) {
    const kind = item[ENTITY_ATTRIBUTE];
    if (typeof kind !== 'string') continue;
    const records = byKind.get(kind) ?? [];
    records.push(exportable(item));
    byKind.set(kind, records);
  }
  return byKind;
}

/** Where a stored file sits in the archive: `files/` plus its key below the tenant's prefix. */
function archivePath(orgId: string, file: TenantObject): string {
  return `files/${file.key.slice(tenantObjectPrefix(orgId).length)}`;
}

/** Writes the ZIP to `key` as it is produced. @throws whatever stopped it; the upload is then aborted. */
async function streamArchive(
  orgId: string,
  key: string,
  resources: Map<string, unknown[]>,
  files: readonly TenantObject[],
  manifest: unknown,
): Promise<void> {
  const zip = new ZipFile();
  const upload = new Upload({
    client: s3(),
    params: {
      Bucket: config.documentsBucket,
      Key: key,
      Body: zip.outputStream as Readable,
      ContentType: 'application/zip',
    },
    // The bucket's lifecycle rule for this tag deletes the archive after its retention.
    tags: [{ Key: ORGANIZATION_EXPORT_RETENTION.tag.key, Value: ORGANIZATION_EXPORT_RETENTION.tag.value }],
  });
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  for (const [kind, records] of [...resources].sort(([a], [b]) => a.localeCompare(b)))
    zip.addBuffer(Buffer.from(JSON.stringify(records, null, 2)), `resources/${kind}.json`);
  for (const file of files) {
    const path = archivePath(orgId, file);
    // Stored files are mostly compressed already (PDF, PNG, JPEG, DOCX); each is fetched when its turn
    // comes, so one S3 download is open at a time.
    zip.addReadStreamLazy(path, { compress: false, size: file.size }, (done) => {
      s3()
        .send(new GetObjectCommand({ Bucket: config.documentsBucket, Key: file.key }))
        .then(
          (object) => done(null, object.Body as Readable),
          (error: unknown) => done(error, new PassThrough()),
        );
    });
  }
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  zip.end();
  try {
    await Promise.race([upload.done(), failed]);
  } catch (error) {
    await upload.abort().catch(() => undefined);
    throw error;
  }
}

/**
 * Builds the archive of one export and marks it ready (see above). Idempotent: a ready export is left
 * as it is. @throws on any failure of the table, the bucket or the archive, for the event to be retried.
 */
export async function buildOrganizationExport(orgId: string, exportId: string, now: Date): Promise<void> {
  const { data: current } = await organizationExports
    .get({ tenantId: orgId, exportId })
    .go({ table: config.tableName });
  if (!current || current.status === 'ready') return;
  const { data: organization } = await organizations.get({ orgId }).go({ table: config.tableName });
  if (!organization) return;

  const exportsPrefix = `${tenantObjectPrefix(orgId)}exports/`;
  const key = `${exportsPrefix}${exportId}.zip`;
  const files: TenantObject[] = [];
  for await (const object of tenantObjects(orgId))
    if (!object.key.startsWith(exportsPrefix)) files.push(object);
  const resources = await resourcesByKind(orgId);
  const counts: Record<string, number> = Object.fromEntries(
    [...resources].map(([kind, records]) => [kind, records.length]),
  );
  counts.files = files.length;
  const manifest = {
    format: EXPORT_FORMAT,
    export_id: exportId,
    generated_at: now.toISOString(),
    organization: { id: orgId, name: organization.name, slug: organization.slug },
    counts,
    resources: [...resources.keys()].sort().map((kind) => `resources/${kind}.json`),
    files: files.map((file) => ({
      path: archivePath(orgId, file),
      size_bytes: file.size,
    })),
    omitted:
      'Secrets (key and token hashes, sealed webhook secrets and chat URLs, usage keys) and the platform’s bookkeeping items (outbox, idempotency records, rate-limit windows, markers, counters).',
  };
  await streamArchive(orgId, key, resources, files, manifest);

  const stored = await s3().send(new HeadObjectCommand({ Bucket: config.documentsBucket, Key: key }));
  const sizeBytes = stored.ContentLength ?? 0;
  const update = organizationExports
    .patch({ tenantId: orgId, exportId })
    .set({ status: 'ready', completedAt: now.toISOString(), objectKey: key, sizeBytes, counts })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .params({ table: config.tableName });
  const event = domainEvent(
    'organization.exported',
    { tenantId: orgId, system: 'organization-export' },
    {
      organization: { id: orgId, name: organization.name },
      export: { id: exportId, size_bytes: sizeBytes, counts },
    },
    now,
  );
  try {
    await commitWithEvents([asUpdate(update)], [event]);
  } catch (error) {
    // Another delivery of the same event finished first: its archive stands.
    if (!(error instanceof WriteConflict)) throw error;
  }
}
