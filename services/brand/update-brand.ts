// Use case: change the brand (PATCH /api/v1/brand). 1. read the brand and the custom domains; 2. check
// If-Match, the plan (custom domains) and the languages; 3. commit the brand, the domain claims and
// releases and their events in one transaction; a claim refused is another tenant's domain (409).
import { normalizeHexColor } from '#services/brand/contrast';
import {
  assertCustomDomainsAllowed,
  claimConflict,
  commitDomainChanges,
  planDomainChanges,
  releaseDistributionTenants,
} from '#services/brand/domain-changes';
import { readBrand } from '#services/brand/read-brand';
import type { BrandView, UpdateBrandBody } from '#services/brand/schemas';
import { type BrandItem, brands, type DomainItem } from '#services/brand/store';
import { toBrandView } from '#services/brand/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, WriteConflict } from '#shared/data/outbox';
import { PreconditionFailedError, ValidationError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch } from '#shared/http/etag';
import { DEFAULT_LANGUAGE, LANGUAGES } from '#shared/languages';

type Texts = Record<string, string>;

/**
 * Per-language texts after a change: `null` removes a language, a string sets it; none left is undefined
 * (an empty map is never stored: the local stream relay cannot read one back).
 */
function mergeTexts(
  current: unknown,
  changes: Partial<Record<string, string | null>> | undefined,
): Texts | undefined {
  const next: Texts = { ...((current as Texts | undefined) ?? {}) };
  for (const [language, text] of Object.entries(changes ?? {})) {
    if (text === null || text === undefined) delete next[language];
    else next[language] = text;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

const orUndefined = <T>(value: T | null | undefined, current: T | undefined): T | undefined =>
  value === null ? undefined : (value ?? current);

function nextBrand(
  identity: Identity,
  current: BrandItem | null,
  changes: UpdateBrandBody,
  now: Date,
): BrandItem {
  const color = (value: string | null | undefined, was: string | undefined) =>
    value === null ? undefined : value === undefined ? was : normalizeHexColor(value);
  const next: BrandItem = {
    tenantId: identity.tenantId,
    title: changes.title ?? current?.title,
    primaryColor: color(changes.primary_color, current?.primaryColor),
    secondaryColor: color(changes.secondary_color, current?.secondaryColor),
    accentColor: color(changes.accent_color, current?.accentColor),
    font: changes.font ?? current?.font,
    footerText: orUndefined(changes.footer_text, current?.footerText),
    tagline: mergeTexts(current?.tagline, changes.tagline),
    intro: mergeTexts(current?.intro, changes.intro),
    securityContact: orUndefined(changes.security_contact, current?.securityContact),
    privacyPolicyUrl: orUndefined(changes.privacy_policy_url, current?.privacyPolicyUrl),
    defaultLanguage: changes.default_language ?? current?.defaultLanguage,
    languages: changes.languages ?? current?.languages,
    logo: current?.logo,
    favicon: current?.favicon,
    updatedAt: now.toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  const languages = next.languages ?? [...LANGUAGES];
  const defaultLanguage = next.defaultLanguage ?? DEFAULT_LANGUAGE;
  if (!languages.includes(defaultLanguage))
    throw new ValidationError(
      `The default language ${defaultLanguage} must be one of the enabled languages`,
      changes.languages ? 'languages' : 'default_language',
    );
  // Undefined attributes are left out of the stored item.
  return Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)) as BrandItem;
}

/** The brand item written only if it is still the version read (or, for the first change, still absent). */
export function brandPut(item: BrandItem, readVersion: number | undefined) {
  const params = brands.put(item).params({ table: config.tableName }) as Record<string, unknown>;
  return asPut({
    ...params,
    ...(readVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :read_version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':read_version': readVersion },
        }),
  });
}

/**
 * Applies a PATCH: the brand fields it sets and, with `deployment_domains`, the tenant's custom domains.
 * @throws PreconditionFailedError (412) on a stale If-Match or a concurrent change; PermissionError (403)
 *   for custom domains on the free plan; QuotaExceededError (403) past the plan's custom domains; ConflictError (409) for a domain another tenant holds;
 *   ValidationError (400) for a default language that is not enabled.
 */
export async function updateBrand(
  identity: Identity,
  changes: UpdateBrandBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<{ view: BrandView; version: number }> {
  const current = await readBrand(identity.tenantId);
  checkIfMatch(ifMatch, current.item?.version ?? 0);
  const item = nextBrand(identity, current.item, changes, now);
  const desired = changes.deployment_domains;
  if (desired?.some((host) => !current.domains.some((d) => d.host === host)))
    await assertCustomDomainsAllowed(identity.tenantId);
  const put = brandPut(item, current.item?.version);
  const plan = planDomainChanges(
    identity,
    current.domains,
    desired ?? current.domains.map((d) => d.host),
    now,
    1,
  );
  const domainsAfter: DomainItem[] = [
    ...current.domains.filter((domain) => !plan.removed.includes(domain)),
    ...plan.added,
  ].sort((a, b) => a.host.localeCompare(b.host));
  const view = toBrandView(item, { ...current.context, domains: domainsAfter });
  const changed = Object.keys(changes) as (keyof UpdateBrandBody)[];
  try {
    await commitDomainChanges(
      identity.tenantId,
      plan,
      [put, ...plan.writes],
      [domainEvent('brand.updated', identity, { brand: view, changed }, now), ...plan.events],
    );
  } catch (error) {
    const mapped = await claimConflict(error, plan, identity.tenantId);
    if (mapped instanceof WriteConflict) throw new PreconditionFailedError(undefined, { cause: mapped });
    throw mapped;
  }
  await releaseDistributionTenants(plan.removed);
  return { view, version: item.version };
}
