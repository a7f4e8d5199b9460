/**
 * Organization slugs: every organization has one, unique across the platform, a DNS label (the tenant's
 * default host is `<slug>.<platform domain>`). Uniqueness is a claim item per slug (`slug#<slug>`), written
 * with `attribute_not_exists` in the same transaction as the organization, so two organizations can never
 * hold one slug and a slug resolves to its tenant by key (GetItem), never by Scan.
 *
 * Organizations created before claims existed hold a slug but no claim: `ensureSlugClaim` claims one for
 * them (their own slug if free, else a suffixed one); the local platform and the operator script run
 * `claimMissingSlugs` at start, and `organizationSlug` claims on read.
 */
import { randomBytes } from 'node:crypto';
import { SLUG_PATTERN } from '#services/identity/slug-pattern';
import { type OrganizationItem, organizationSlugs, organizations } from '#services/identity/store';
import { config } from '#shared/config';
import { type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, ValidationError } from '#shared/errors';

/** Host names the platform keeps for itself under its domain; no organization may take them. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'www',
  'api',
  'app',
  'admin',
  'assets',
  'static',
  'cdn',
  'mail',
  'status',
  'docs',
  'help',
  'support',
  'platform',
  'operator',
  'operators',
  'login',
  'auth',
  'localhost',
]);

/** The longest slug derived from a name, leaving room for a `-xxxxxx` suffix within 63 characters. */
const DERIVED_MAX = 50;

/** A slug derived from a name: `Acme Corp` → `acme-corp`; accents dropped, never empty, never reserved. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, DERIVED_MAX)
    .replace(/^-+|-+$/g, '');
  if (!slug) return 'organization';
  return RESERVED_SLUGS.has(slug) ? `${slug}-org` : slug;
}

/** Refuses a slug an operator chose that is not a DNS label or is reserved (ValidationError on `slug`). */
export function checkChosenSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug))
    throw new ValidationError('Not a DNS label (a-z, 0-9, inner hyphens)', 'slug');
  if (RESERVED_SLUGS.has(slug)) throw new ValidationError('This slug is reserved by the platform', 'slug');
}

/** The slugs tried in turn for a derived slug: itself, then `-2` … `-5`, then a random suffix. */
function* candidates(base: string): Generator<string> {
  yield base;
  for (let n = 2; n <= 5; n++) yield `${base}-${n}`;
  for (;;) yield `${base}-${randomBytes(3).toString('hex')}`;
}

const MAX_ATTEMPTS = 8;

/** The transaction item that claims a slug for an organization; fails if another holds it. */
export function claimSlugWrite(slug: string, orgId: string): TransactItem {
  const params = organizationSlugs.create({ slug, orgId }).params({ table: config.tableName });
  return { Put: params as NonNullable<TransactItem['Put']> };
}

/**
 * Runs `commit` with a slug candidate until one is free: `commit` writes the claim (claimSlugWrite) at
 * index `claimIndex` of its transaction. A chosen slug is tried alone (taken: ConflictError on `slug`).
 */
export async function withUniqueSlug<T>(
  wanted: { chosen: string } | { derivedFrom: string },
  claimIndex: number,
  commit: (slug: string) => Promise<T>,
): Promise<T> {
  const tries =
    'chosen' in wanted ? [wanted.chosen][Symbol.iterator]() : candidates(slugOf(wanted.derivedFrom));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const next = tries.next();
    if (next.done) break;
    try {
      return await commit(next.value);
    } catch (error) {
      if (!(error instanceof WriteConflict && error.failedIndexes.includes(claimIndex))) throw error;
    }
  }
  throw new ConflictError('This slug is taken by another organization', 'slug');
}

/** Claims a slug for an organization if free (or already its own); true when the organization holds it. */
async function claim(slug: string, orgId: string): Promise<boolean> {
  try {
    await organizationSlugs
      .put({ slug, orgId })
      .where(({ orgId: owner }, { notExists, eq }) => `${notExists(owner)} OR ${eq(owner, orgId)}`)
      .go({ table: config.tableName });
    return true;
  } catch (error) {
    if ((error as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException')
      return false;
    throw error;
  }
}

/**
 * Makes sure the organization holds a claimed slug and returns it: `wanted` (the local demo tenant's
 * `demo`) if given, else its own slug, else a suffixed one. A slug it held before `wanted` is released.
 */
export async function ensureSlugClaim(organization: OrganizationItem, wanted?: string): Promise<string> {
  const { orgId } = organization;
  if (organization.slugClaimed && (wanted === undefined || wanted === organization.slug))
    return organization.slug;
  let slug: string | undefined;
  if (wanted !== undefined) {
    if (!(await claim(wanted, orgId)))
      throw new ConflictError('This slug is taken by another organization', 'slug');
    slug = wanted;
  } else {
    const tries = candidates(
      SLUG_PATTERN.test(organization.slug) ? organization.slug : slugOf(organization.name),
    );
    for (let attempt = 0; attempt < MAX_ATTEMPTS && slug === undefined; attempt++) {
      const candidate = tries.next().value as string;
      if (!RESERVED_SLUGS.has(candidate) && (await claim(candidate, orgId))) slug = candidate;
    }
    if (slug === undefined) throw new ConflictError('No free slug for this organization', 'slug');
  }
  await organizations.patch({ orgId }).set({ slug, slugClaimed: true }).go({ table: config.tableName });
  if (organization.slugClaimed && organization.slug !== slug)
    await organizationSlugs
      .delete({ slug: organization.slug })
      .where(({ orgId: owner }, { eq }) => eq(owner, orgId))
      .go({ table: config.tableName })
      .catch(() => undefined);
  return slug;
}

/**
 * Claims a slug for every organization that has none (organizations made before slugs were unique).
 * A keyed Query of the organizations' index (gsi1 `organizations`), not a Scan; idempotent.
 */
export async function claimMissingSlugs(): Promise<number> {
  let claimed = 0;
  let cursor: string | null = null;
  do {
    const page: { data: OrganizationItem[]; cursor: string | null } = await organizations.query
      .all({})
      .go({ table: config.tableName, cursor, limit: 100 });
    for (const organization of page.data) {
      if (organization.slugClaimed) continue;
      await ensureSlugClaim(organization);
      claimed++;
    }
    cursor = page.cursor;
  } while (cursor);
  return claimed;
}
