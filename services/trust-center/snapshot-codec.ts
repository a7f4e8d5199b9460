/**
 * How a published snapshot (snapshot.ts) is stored: its JSON, gzip-compressed, in one Binary attribute of one
 * DynamoDB item. Pure: no AWS, no clock.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BrandView } from '#services/brand/public';
import type { CertificationView } from '#services/certifications/public';
import type { DocumentView } from '#services/documents/public';
import type { FaqView } from '#services/faqs/public';
import type { SubprocessorView } from '#services/subprocessors/public';
import type { OverviewNda } from '#services/trust-center/overview';
import type { Language } from '#shared/languages';

/**
 * The layout of a snapshot's content. Bump it whenever what a snapshot holds changes shape (a field added to
 * a view the site shows, a new part): a stored snapshot of another format reads as missing, so the first
 * page after the deployment rebuilds it live and stores the new one.
 */
export const SNAPSHOT_FORMAT = 1;

/**
 * The largest compressed body stored, in bytes. DynamoDB refuses items over 400 KB (attribute names and
 * values together); the rest of the item is under 200 bytes, so this leaves a wide margin. A trust center
 * whose snapshot compresses to more (thousands of documents) is served live, page by page.
 */
export const SNAPSHOT_MAX_BYTES = 350 * 1024;

/** Everything the site's pages read of a trust center's brand and published content, at one instant. */
export interface TrustCenterSnapshot {
  format: number;
  /** When the build began reading (ISO 8601 UTC): every change committed before it is in the snapshot. */
  builtAt: string;
  /** The brand as the brand service answers it (`brandOf`). */
  brand: BrandView;
  /** Their `status` is as of `builtAt`: readers recompute it for their own day. */
  certifications: CertificationView[];
  documents: DocumentView[];
  faqs: FaqView[];
  subprocessors: SubprocessorView[];
  /** The NDA a visitor in each language accepts (access-requests' `currentNda`). */
  ndas: Record<Language, OverviewNda>;
}

/** The stored form of a snapshot: gzip of its JSON. */
export function encodeSnapshot(snapshot: TrustCenterSnapshot): Uint8Array {
  return gzipSync(JSON.stringify(snapshot));
}

/**
 * The snapshot a stored body holds; null when it is of another format (SNAPSHOT_FORMAT) or unreadable, which
 * readers treat as no snapshot at all.
 */
export function decodeSnapshot(body: Uint8Array): TrustCenterSnapshot | null {
  try {
    const snapshot = JSON.parse(gunzipSync(body).toString('utf8')) as Partial<TrustCenterSnapshot> | null;
    return snapshot?.format === SNAPSHOT_FORMAT && typeof snapshot.builtAt === 'string'
      ? (snapshot as TrustCenterSnapshot)
      : null;
  } catch {
    return null;
  }
}
