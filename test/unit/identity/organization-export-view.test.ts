import { describe, expect, it } from 'vitest';
import { viewOf } from '#services/identity/organization-export';
import type { OrganizationExportItem } from '#services/identity/store';
import { ORGANIZATION_EXPORT_RETENTION } from '#shared/aws/object-retention';

const DAY_MS = 24 * 60 * 60 * 1000;
const completedAt = new Date('2026-11-02T10:00:00.000Z');
const ready: OrganizationExportItem = {
  tenantId: 'org_01J0000000000000000000000',
  exportId: 'exp_01J0000000000000000000000',
  status: 'ready',
  requestedAt: '2026-11-02T09:59:00.000Z',
  requestedBy: 'usr_01J0000000000000000000000',
  completedAt: completedAt.toISOString(),
  objectKey: 'tenants/org_01J0000000000000000000000/exports/exp_01J0000000000000000000000.zip',
  sizeBytes: 1024,
  counts: { files: 1 },
};
const at = (ms: number) => new Date(completedAt.getTime() + ms);

describe("an organization export's retention", () => {
  it('is ready until the bucket deletes the archive, then expired', () => {
    const retention = ORGANIZATION_EXPORT_RETENTION.days * DAY_MS;
    expect(viewOf(ready, at(retention - 1)).status).toBe('ready');
    expect(viewOf(ready, at(retention)).status).toBe('expired');
    expect(viewOf(ready, at(retention)).expires_at).toBe(at(retention).toISOString());
  });

  it('keeps a pending export pending, with no expiry, however old', () => {
    const { completedAt: _, objectKey: __, ...pending } = ready;
    const view = viewOf({ ...pending, status: 'pending' }, at(365 * DAY_MS));
    expect(view).toMatchObject({ status: 'pending', expires_at: null, download_url: null });
  });
});
