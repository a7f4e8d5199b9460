/**
 * Stored objects that expire: each kind is marked with an S3 object tag when it is written, and the
 * documents bucket has one lifecycle rule per kind that filters on that tag (infra/stacks/stateful-stack.ts).
 * A tag, not a prefix, because these objects live under their tenant's prefix (`tenants/<org>/…`), which
 * keeps the purge, the export and the per-tenant grants to one prefix per tenant; S3 lifecycle prefixes
 * cannot hold a wildcard (S3 User Guide, "Lifecycle configuration elements").
 */

/** An S3 object tag (S3 limits: key ≤ 128, value ≤ 256 characters, at most 10 per object). */
export interface ObjectTag {
  key: string;
  value: string;
}

/** What expires and when. `days`: S3 expires the current version `days` days after it was written (UTC midnight rounding, S3's rule). */
export interface ObjectRetention {
  tag: ObjectTag;
  days: number;
}

/** The one tag key that names a retention kind. */
const RETENTION_TAG_KEY = 'retention';

/**
 * An organization export holds everything of the organization, so it is kept one week: long enough to
 * download it, short enough that a forgotten archive does not outlive its purpose (issue 16, item 2).
 */
export const ORGANIZATION_EXPORT_RETENTION: ObjectRetention = {
  tag: { key: RETENTION_TAG_KEY, value: 'organization-export' },
  days: 7,
};

/** Every retention kind, for the bucket's lifecycle rules. */
export const OBJECT_RETENTIONS: readonly ObjectRetention[] = [ORGANIZATION_EXPORT_RETENTION];

/** When an object written at `writtenAt` under `retention` is gone (at the latest; UTC). */
export function retentionEnd(retention: ObjectRetention, writtenAt: Date): Date {
  return new Date(writtenAt.getTime() + retention.days * 24 * 60 * 60 * 1000);
}
