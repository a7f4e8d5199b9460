import {
  currentDefaultNda,
  DEFAULT_NDAS,
  type DefaultNda,
  findDefaultNda,
  isDefaultNdaVersion,
  type NdaLanguage,
} from '#services/access-requests/default-nda';
import {
  currentNdaVersion,
  findNdaVersion,
  type NdaVersionItem,
  type NdaVersionRef,
  ndaVersions,
} from '#services/access-requests/nda-store';
import { trustCenterLanguage } from '#services/access-requests/public-tenant';
import type { CreateNdaBody, NdaSummaryView, NdaTextView } from '#services/access-requests/schemas';
import { toNdaSummaryView, toNdaTextView } from '#services/access-requests/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError, ValidationError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

const ATTEMPTS = 5;

/**
 * Publishes a new NDA version, numbered after the newest. Versions are never changed or deleted, so an
 * acceptance's version and SHA-256 always name the exact text that was accepted; the conditional create
 * makes two publishers racing for one number take turns.
 */
export async function createNda(
  identity: Identity,
  body: CreateNdaBody,
  now = new Date(),
): Promise<NdaVersionItem> {
  const language = body.language ?? (await trustCenterLanguage(identity.tenantId));
  for (let attempt = 1; ; attempt++) {
    const newest = await currentNdaVersion(identity.tenantId);
    const item: NdaVersionItem = {
      tenantId: identity.tenantId,
      ndaVersion: (newest?.ndaVersion ?? 0) + 1,
      title: body.title,
      body: body.body,
      language,
      sha256: sha256Hex(body.body),
      createdBy: identity.principalId,
      createdAt: now.toISOString(),
    };
    try {
      await commitWithEvents(
        [asPut(ndaVersions.create(item).params({ table: config.tableName }))],
        [domainEvent('nda.created', identity, { nda: toNdaSummaryView(item) }, now)],
      );
      return item;
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (attempt >= ATTEMPTS)
        throw new ConflictError('Another NDA version was published at the same time; retry');
    }
  }
}

/** A platform default NDA as the NDA views show it (`source: platform_default`). */
export function defaultNdaTextView(nda: DefaultNda): NdaTextView {
  return {
    version: nda.version,
    source: 'platform_default',
    sha256: nda.sha256,
    title: nda.title,
    language: nda.language,
    created_at: nda.publishedAt,
    body: nda.body,
  };
}

/**
 * The platform's newest default NDA in `language` (English when it has none in it), as `currentNda` answers
 * it for a tenant that published none. No read: the texts ship with the code.
 */
export function platformDefaultNda(language?: NdaLanguage): NdaTextView {
  return defaultNdaTextView(currentDefaultNda(language));
}

function summaryOf({ body: _body, ...summary }: NdaTextView): NdaSummaryView {
  return summary;
}

/**
 * The NDA a visitor accepts now, in `language` or, when absent, the trust center's default language (its
 * brand's `default_language`, one read): the tenant's newest version in that language, else its newest in
 * any language; while the tenant has published none, the platform default in that language. Never null, so
 * an NDA-gated document always has a text to accept (issue 10, item 14).
 */
export async function currentNda(tenantId: string, language?: NdaLanguage): Promise<NdaTextView> {
  const current = await currentNdaText(tenantId, language);
  return 'own' in current ? toNdaTextView(current.own) : defaultNdaTextView(current.platformDefault);
}

/** currentNda's choice, as the stored version or the shipped default it is. */
async function currentNdaText(
  tenantId: string,
  language: NdaLanguage | undefined,
): Promise<{ own: NdaVersionItem } | { platformDefault: DefaultNda }> {
  const wanted = language ?? (await trustCenterLanguage(tenantId));
  const own = (await currentNdaVersion(tenantId, wanted)) ?? (await currentNdaVersion(tenantId));
  return own ? { own } : { platformDefault: currentDefaultNda(wanted) };
}

/**
 * Which NDA an admin's trust center applies: `source` and `version` of the text a visitor who names no
 * language accepts (currentNda in the trust center's default language).
 */
export async function ndaInForce(tenantId: string): Promise<Pick<NdaSummaryView, 'source' | 'version'>> {
  const { source, version } = await currentNda(tenantId);
  return { source, version };
}

/**
 * The NDA text a submission accepts, as `{version, sha256}` for its acceptance record: `requested` when
 * given, else the current one in the visitor's `language` (`currentNda`: the trust center's default
 * language when absent), the text `GET /api/v1/public/ndas/current` shows the same visitor.
 * ValidationError (400, `nda_version`) for a version the tenant never published, a default revision that
 * never shipped, or a default once the tenant has published its own (the tenant replaced it; the visitor
 * must read the tenant's text).
 */
export async function ndaToAccept(
  tenantId: string,
  requested: number | string | undefined,
  language?: NdaLanguage,
): Promise<{ version: NdaVersionRef; sha256: string }> {
  if (requested === undefined) {
    const current = await currentNdaText(tenantId, language);
    return 'own' in current
      ? { version: current.own.ndaVersion, sha256: current.own.sha256 }
      : { version: current.platformDefault.version, sha256: current.platformDefault.sha256 };
  }
  if (isDefaultNdaVersion(requested)) {
    const nda = findDefaultNda(requested);
    if (!nda) throw new ValidationError('No such NDA version', 'nda_version');
    if (await currentNdaVersion(tenantId)) {
      throw new ValidationError(
        'This trust center has replaced the default NDA with its own: read and accept the current one (GET /api/v1/public/ndas/current)',
        'nda_version',
      );
    }
    return { version: nda.version, sha256: nda.sha256 };
  }
  const nda = typeof requested === 'number' ? await findNdaVersion(tenantId, requested) : null;
  if (!nda) throw new ValidationError('No such NDA version', 'nda_version');
  return { version: nda.ndaVersion, sha256: nda.sha256 };
}

/**
 * The first page of `GET /api/v1/ndas` for a tenant that has published no NDA: the platform default in
 * every language, current revision each (English first), so the admin sees what visitors accept.
 */
export function defaultNdaSummaries(): NdaSummaryView[] {
  const languages = [...new Set(DEFAULT_NDAS.map((nda) => nda.language))];
  return languages.map((language) => summaryOf(defaultNdaTextView(currentDefaultNda(language))));
}
