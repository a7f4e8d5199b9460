/**
 * Use cases: ask for an organization export, and read where it stands (issue 16, item 2). Primary course:
 * 1. the owner (or an operator) asks: the export item (`pending`) and `organization.export_requested` are
 * committed in one transaction and the answer is 202; 2. the `organization-export` consumer builds the
 * archive from that event (organization-export-archive.ts) and marks the export `ready`; 3. a read of a
 * ready export carries a presigned link to the archive, valid EXPORT_LINK_TTL_SECONDS; 4. the bucket deletes
 * the archive ORGANIZATION_EXPORT_RETENTION.days after it was stored, and the export then reads `expired`.
 * Nothing is lost on a failure: the request is stored with its event, and a failed or timed-out build is
 * retried.
 */

import { addressableOrganization, requireOwnerOrOperator } from '#services/identity/organizations';
import { type OrganizationExportItem, organizationExports } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { ORGANIZATION_EXPORT_RETENTION, retentionEnd } from '#shared/aws/object-retention';
import { presignDownload } from '#shared/aws/objects';
import { config } from '#shared/config';
import { attachmentDisposition } from '#shared/content-disposition';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/** A download link is for starting the download now: a leaked one is soon useless. */
export const EXPORT_LINK_TTL_SECONDS = 300;

/**
 * Where an export stands: the stored `pending` and `ready`, and `expired` once the archive's retention
 * (ORGANIZATION_EXPORT_RETENTION, counted from `completed_at`) has passed and the bucket has deleted it.
 */
export const EXPORT_VIEW_STATUSES = ['pending', 'ready', 'expired'] as const;

/** The API's view of an export (snake_case); `download_url` only while it is ready. */
export interface OrganizationExportView {
  id: string;
  organization_id: string;
  status: (typeof EXPORT_VIEW_STATUSES)[number];
  requested_at: string;
  requested_by: string;
  completed_at: string | null;
  /** When the archive is deleted (UTC): `completed_at` plus the retention; null while pending. */
  expires_at: string | null;
  size_bytes: number | null;
  counts: Record<string, number> | null;
  download_url: string | null;
  download_url_expires_at: string | null;
}

/** The export as of `now`, without a link (organizationExport adds it). */
export function viewOf(item: OrganizationExportItem, now: Date): OrganizationExportView {
  const expiresAt = item.completedAt
    ? retentionEnd(ORGANIZATION_EXPORT_RETENTION, new Date(item.completedAt))
    : null;
  return {
    id: item.exportId,
    organization_id: item.tenantId,
    status: item.status === 'ready' && expiresAt && expiresAt <= now ? 'expired' : item.status,
    requested_at: item.requestedAt,
    requested_by: item.requestedBy,
    completed_at: item.completedAt ?? null,
    expires_at: expiresAt?.toISOString() ?? null,
    size_bytes: item.sizeBytes ?? null,
    counts: (item.counts as Record<string, number> | undefined) ?? null,
    download_url: null,
    download_url_expires_at: null,
  };
}

/**
 * Records the request and its event. Seed 4's roles: exporting everything is the owner's (signed in), or
 * a platform operator's (also for an organization pending deletion, to answer a portability request).
 * @throws NotFoundError (not addressable), PermissionError (not the owner or an operator).
 */
export async function requestOrganizationExport(
  caller: Identity,
  orgId: string,
  now = new Date(),
): Promise<OrganizationExportView> {
  const organization = await addressableOrganization(caller, orgId);
  requireOwnerOrOperator(caller, 'export it');
  const item: OrganizationExportItem = {
    tenantId: orgId,
    exportId: newId('organizationExport'),
    status: 'pending',
    requestedAt: now.toISOString(),
    requestedBy: caller.principalId,
  };
  const event = domainEvent(
    'organization.export_requested',
    { ...caller, tenantId: orgId },
    { organization: { id: orgId, name: organization.name }, export: { id: item.exportId } },
    now,
  );
  await commitWithEvents(
    [asPut(organizationExports.create(item).params({ table: config.tableName }))],
    [event],
  );
  return viewOf(item, now);
}

/**
 * The export as it stands; a ready one with a fresh presigned link to its archive.
 * @throws NotFoundError (organization not addressable, or no such export of it), PermissionError.
 */
export async function organizationExport(
  caller: Identity,
  orgId: string,
  exportId: string,
  now = new Date(),
): Promise<OrganizationExportView> {
  const organization = await addressableOrganization(caller, orgId);
  requireOwnerOrOperator(caller, 'export it');
  const { data } = await organizationExports
    .get({ tenantId: orgId, exportId })
    .go({ table: config.tableName });
  if (!data) throw new NotFoundError('No such export', 'export_id');
  const view = viewOf(data, now);
  if (view.status !== 'ready' || !data.objectKey) return view;
  const day = data.requestedAt.slice(0, 10);
  return {
    ...view,
    download_url: await presignDownload(data.objectKey, {
      contentType: 'application/zip',
      contentDisposition: attachmentDisposition(`${organization.slug}-export-${day}`, 'zip', 'export'),
      expiresInSeconds: EXPORT_LINK_TTL_SECONDS,
    }),
    download_url_expires_at: new Date(now.getTime() + EXPORT_LINK_TTL_SECONDS * 1000).toISOString(),
  };
}
