/**
 * DESIGN: the published snapshot of a trust center. A visitor's page needs the brand and every published
 * piece of content (certifications, listed documents, FAQs, subprocessors, the current NDA): read live, that
 * is about nine DynamoDB calls to seven services per page. Instead each tenant has one item holding all of
 * it, so a page costs one GetItem:
 * - built by the same live readers the public API uses (`brandOf`, `trustCenterContent`, `currentNda`), so
 *   what is published, and how it is translated, stays decided by the content services alone;
 * - rebuilt by the `trust-center-snapshot` consumer (consumers.ts) on every event that changes what a visitor
 *   sees, so it follows the event pipeline: a change reaches the site's pages about 0.1–1 s after its commit
 *   (stream, relay or pipe, bus, consumer), not at once. The public API (`/api/v1/public/trust-center`), the
 *   machine documents and the search keep reading live;
 * - built on the read path when missing (a new tenant before its first event, a snapshot of an older
 *   format after a deployment) or older than SNAPSHOT_MAX_AGE_MS, and stored then. The age bounds what a
 *   rebuild that read stale data can cost: in AWS the consumer reads eventually consistently (the FAQ and
 *   certification lists come from GSIs, which have no consistent reads), so a rebuild starting within a
 *   moment of a write might miss it, and nothing else may change for a long time;
 * - never replaced by an older build: each carries the instant its build began reading, and the write is
 *   conditional on it (snapshot-store.ts). Every change emits an event whose rebuild begins after the
 *   commit, so the newest build always holds the newest content;
 * - what changes with time alone is not frozen in it: certification statuses are recomputed for the
 *   reader's day, and the platform's default NDA is taken from the running code (a deployment may ship a
 *   new revision) whenever the tenant has published none;
 * - gzip-compressed in a Binary attribute (snapshot-codec.ts); a trust center whose snapshot would not fit
 *   in a DynamoDB item is marked `oversized` and served live, with a log line when it is built.
 */
import { brandOf } from '#services/brand/public';
import { certificationStatusOn } from '#services/certifications/public';
import { factsOfBrand } from '#services/trust-center/brand-facts';
import {
  type OverviewNda,
  overviewInLanguage,
  type TrustCenterContent,
  trustCenterContent,
} from '#services/trust-center/overview';
import type { TrustCenterOverview } from '#services/trust-center/schemas';
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_MAX_BYTES,
  type TrustCenterSnapshot,
} from '#services/trust-center/snapshot-codec';
import { readStoredSnapshot, storeSnapshot } from '#services/trust-center/snapshot-store';
import { LANGUAGES, type Language } from '#shared/languages';
import { logger } from '#shared/observability/logger';

export type { TrustCenterSnapshot } from '#services/trust-center/snapshot-codec';

/**
 * A stored snapshot older than this is rebuilt on the next page view (about nine reads, once an hour per
 * trust center): the longest a page can show content a rebuild missed (see the module's comment).
 */
export const SNAPSHOT_MAX_AGE_MS = 60 * 60 * 1000;

/** The platform's NDA texts weigh 20 KiB: loaded by the readers that show an NDA, not by every route. */
const accessRequests = () => import('#services/access-requests/public');

/** Builds the tenant's snapshot from the live readers, all side by side. `now`: when the reads begin. */
export async function buildSnapshot(tenantId: string, now = new Date()): Promise<TrustCenterSnapshot> {
  const builtAt = now.toISOString();
  const brand = brandOf(tenantId);
  const { currentNda } = await accessRequests();
  const [brandView, content, ndas] = await Promise.all([
    brand,
    trustCenterContent(tenantId, { now, brand }),
    Promise.all(LANGUAGES.map((language) => currentNda(tenantId, language))),
  ]);
  return {
    format: SNAPSHOT_FORMAT,
    builtAt,
    brand: brandView,
    certifications: content.certifications,
    documents: content.documents,
    faqs: content.faqs,
    subprocessors: content.subprocessors,
    ndas: Object.fromEntries(
      LANGUAGES.map((language, index) => {
        const { version, language: ndaLanguage, source, body } = ndas[index] as OverviewNda;
        return [language, { version, language: ndaLanguage, source, body }];
      }),
    ) as Record<Language, OverviewNda>,
  };
}

/**
 * Stores a snapshot unless a later build is stored (see the module's comment); one too large for an item is
 * recorded as `oversized` instead, and logged.
 */
export async function publishSnapshot(
  tenantId: string,
  snapshot: TrustCenterSnapshot,
): Promise<'stored' | 'oversized' | 'newer-kept'> {
  const body = encodeSnapshot(snapshot);
  const { builtAt, format } = snapshot;
  if (body.byteLength > SNAPSHOT_MAX_BYTES) {
    logger.warn('The trust center is too large for a snapshot: its pages are read live', {
      tenant_id: tenantId,
      compressed_bytes: body.byteLength,
      limit_bytes: SNAPSHOT_MAX_BYTES,
    });
    const outcome = await storeSnapshot(tenantId, { builtAt, format, oversized: true });
    return outcome === 'stored' ? 'oversized' : outcome;
  }
  return storeSnapshot(tenantId, { builtAt, format, body });
}

/** Use case of the consumer: rebuild the tenant's snapshot after a change, and store it. */
export async function rebuildSnapshot(
  tenantId: string,
  now = new Date(),
): Promise<'stored' | 'oversized' | 'newer-kept'> {
  return publishSnapshot(tenantId, await buildSnapshot(tenantId, now));
}

/**
 * The tenant's published trust center, for the site: the stored snapshot (one GetItem) unless it is older
 * than SNAPSHOT_MAX_AGE_MS, else built live and, unless it is oversized, stored. A failure to store is
 * logged; the visitor gets the page all the same. Platform default NDAs are those of the running code (see
 * the module's comment).
 */
export async function publishedTrustCenter(tenantId: string, now = new Date()): Promise<TrustCenterSnapshot> {
  const stored = await readStoredSnapshot(tenantId);
  const decoded = stored && 'body' in stored ? decodeSnapshot(stored.body) : null;
  const fresh = decoded && now.getTime() - Date.parse(decoded.builtAt) <= SNAPSHOT_MAX_AGE_MS;
  if (decoded && fresh) return withCurrentDefaultNdas(decoded);
  const snapshot = await buildSnapshot(tenantId, now);
  if (stored && 'oversized' in stored && stored.format === SNAPSHOT_FORMAT) return snapshot;
  try {
    await publishSnapshot(tenantId, snapshot);
  } catch (error) {
    logger.warn('A snapshot built on a page view was not stored', {
      tenant_id: tenantId,
      error: error as Error,
    });
  }
  return snapshot;
}

/** The snapshot with each platform default NDA replaced by the running code's newest in its language. */
async function withCurrentDefaultNdas(snapshot: TrustCenterSnapshot): Promise<TrustCenterSnapshot> {
  const defaults = LANGUAGES.filter((language) => snapshot.ndas[language]?.source === 'platform_default');
  if (defaults.length === 0) return snapshot;
  const { platformDefaultNda } = await accessRequests();
  const ndas = { ...snapshot.ndas };
  for (const language of defaults) {
    const { version, language: ndaLanguage, source, body } = platformDefaultNda(language);
    ndas[language] = { version, language: ndaLanguage, source, body };
  }
  return { ...snapshot, ndas };
}

/** The snapshot's content as the overview reads it, certification statuses as of `now`. */
export function snapshotContent(snapshot: TrustCenterSnapshot, now = new Date()): TrustCenterContent {
  return {
    brand: factsOfBrand(snapshot.brand),
    certifications: snapshot.certifications.map((item) => ({
      ...item,
      status: certificationStatusOn(item.expires_at, now),
    })),
    documents: snapshot.documents,
    faqs: snapshot.faqs,
    subprocessors: snapshot.subprocessors,
  };
}

/**
 * The overview in `language` from a snapshot (pure): what `trustCenterOverview` answers from live reads, with
 * certification statuses as of `now`.
 */
export function snapshotOverview(
  snapshot: TrustCenterSnapshot,
  language: Language,
  now = new Date(),
): TrustCenterOverview {
  return overviewInLanguage(snapshotContent(snapshot, now), snapshot.ndas[language], language);
}
