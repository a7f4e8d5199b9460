import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '#shared/errors';
import { singleLine } from '#shared/http/text-fields';
import { cursorSigningKey } from '#shared/secrets';

/** The `limit` and `cursor` query parameters every list route accepts. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100.'),
  cursor: singleLine(4096, { trim: false })
    .optional()
    .describe(
      'Opaque cursor from a previous page of the same listing (same path and filters); any other is a 400.',
    ),
};

/** The deepest `offset` a list accepts: skipping reads every skipped item, so it is bounded. */
export const MAX_OFFSET = 10_000;

/** Seed 4's `offset` paging, beside the cursor, on the lists seed 4 shows with it. */
export const offsetPageQuery = {
  ...pageQuery,
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_OFFSET)
    .optional()
    .describe(
      `How many items to skip from the start (seed 4), 0 to ${MAX_OFFSET}; not together with \`cursor\`, ` +
        'whose pages carry their own offset.',
    ),
};

/** Query parameters that move along a listing rather than choose it: a cursor is not bound to them. */
const PAGING_PARAMETERS = new Set(['limit', 'cursor', 'offset']);

/**
 * What a cursor is bound to: the tenant the caller acts as, the list operation, and the path parameters
 * and filters that choose the key space. A cursor opens only on the listing it was sealed for, so a
 * cursor of another list, of another account's contacts or of another filter is a 400, never a DynamoDB
 * start key it was not made for (issue 10, item 1).
 */
export interface Listing {
  tenantId: string;
  /** The list route's operation id. */
  operation: string;
  /** Path parameters and filters, canonical (sorted keys, no paging parameters, no undefined). */
  scope: string;
}

/**
 * The listing of one list request: `operation` is the route's operation id, `params` its path
 * parameters, `query` its parsed query (every parameter but `limit`, `cursor` and `offset` binds the
 * cursor, so changing a filter between pages is refused rather than mixing key spaces).
 */
export function listingOf(
  operation: string,
  tenantId: string,
  request: { params?: object; query?: object } = {},
): Listing {
  const entries = [...Object.entries(request.params ?? {}), ...Object.entries(request.query ?? {})]
    .filter(([name, value]) => value !== undefined && !PAGING_PARAMETERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { tenantId, operation, scope: JSON.stringify(entries) };
}

function mac(payload: string, listing: Listing, key: string): Buffer {
  return createHmac('sha256', key)
    .update(`${listing.tenantId}\n${listing.operation}\n${listing.scope}\n${payload}`)
    .digest();
}

/**
 * Wraps a store's continuation token (and, for offset lists, how many items come before it) into an
 * opaque cursor signed for one listing, so a cursor can be neither forged nor replayed on another
 * tenant's or another list's pages. `null` (the end of the listing) stays `null`.
 */
export async function sealCursor(
  listing: Listing,
  position: string | null,
  offset = 0,
): Promise<string | null> {
  if (position === null) return null;
  const payload = Buffer.from(JSON.stringify([position, offset]), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, listing, await cursorSigningKey()).toString('base64url')}`;
}

/** A position in a listing: the store's continuation token and how many items precede it. */
export interface Position {
  position: string | null;
  offset: number;
}

function invalidCursor(): ValidationError {
  return new ValidationError('The cursor is invalid or belongs to another listing', 'cursor');
}

/**
 * The position inside a cursor; `{position: null, offset: 0}` without one.
 * Throws a 400 `validation_error` (`param: "cursor"`) for a tampered or malformed cursor, or one sealed
 * for another tenant, list, path parameter or filter.
 */
export async function openPosition(listing: Listing, cursor: string | undefined): Promise<Position> {
  if (cursor === undefined) return { position: null, offset: 0 };
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalidCursor();
  const expected = mac(payload, listing, await cursorSigningKey());
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalidCursor();
  const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const [position, offset] = Array.isArray(decoded) ? decoded : [];
  if (typeof position !== 'string' || !Number.isSafeInteger(offset) || offset < 0) throw invalidCursor();
  return { position, offset };
}

/** The store's continuation token inside a cursor, or null without one; errors as `openPosition`. */
export async function openCursor(listing: Listing, cursor: string | undefined): Promise<string | null> {
  return (await openPosition(listing, cursor)).position;
}

/** Builds a list response schema: `{"<plural>": [...], "has_more", "next_cursor"}`. */
export function listSchema<K extends string, T extends z.ZodType>(plural: K, item: T) {
  return z.object({
    [plural]: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  } as { [P in K]: z.ZodArray<T> } & { has_more: z.ZodBoolean; next_cursor: z.ZodNullable<z.ZodString> });
}

/** A cursor-paged list body; `has_more` is true exactly when there is a next cursor. */
export async function listBody<K extends string, T>(
  plural: K,
  listing: Listing,
  items: T[],
  position: string | null,
): Promise<Record<K, T[]> & { has_more: boolean; next_cursor: string | null }> {
  const next = await sealCursor(listing, position);
  return { [plural]: items, has_more: next !== null, next_cursor: next } as Record<K, T[]> & {
    has_more: boolean;
    next_cursor: string | null;
  };
}

/**
 * Seed 4's list shape: `{"<plural>": [...], "total", "limit", "offset", "has_more"}`, plus our
 * `next_cursor` ("GET /v1/organizations?limit=20&offset=40" answers `total: 150, limit: 20, offset: 40`).
 */
export function offsetListSchema<K extends string, T extends z.ZodType>(plural: K, item: T) {
  return listSchema(plural, item).extend({
    total: z.number().int().min(0).describe('How many items the whole listing holds.'),
    limit: z.number().int().min(1).describe('The page size asked for.'),
    offset: z.number().int().min(0).describe('How many items of the listing come before this page.'),
  });
}

/** One read of a store: up to `limit` items from `position` (null: the start) and where to go on. */
export type PageReader<T> = (page: {
  limit: number;
  position: string | null;
}) => Promise<{ items: T[]; position: string | null }>;

/** Store reads skip at most this many items at once (the store's own page size bounds each read too). */
const SKIP_CHUNK = 1000;

/**
 * Reads the page a request asks for by `cursor` or by seed 4's `offset`: from the cursor's position, or
 * from the start skipping `offset` items (read and dropped: DynamoDB cannot skip). `offset` is the
 * number of items before the page either way.
 * Throws a 400 for an invalid cursor (see `openPosition`) or for `cursor` and `offset` together.
 */
export async function readOffsetPage<T>(
  listing: Listing,
  query: { limit: number; cursor?: string; offset?: number },
  read: PageReader<T>,
): Promise<{ items: T[]; position: string | null; offset: number }> {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new ValidationError('Give either cursor or offset, not both', 'offset');
  }
  let { position, offset } = await openPosition(listing, query.cursor);
  let skipped = 0;
  const skip = query.offset ?? 0;
  while (skipped < skip) {
    const chunk = await read({ limit: Math.min(skip - skipped, SKIP_CHUNK), position });
    skipped += chunk.items.length;
    position = chunk.position;
    if (position === null) return { items: [], position: null, offset: skip };
  }
  if (skip > 0) offset = skip;
  const page = await read({ limit: query.limit, position });
  return { items: page.items.slice(0, query.limit), position: page.position, offset };
}

/** How many items a whole listing holds, read page by page through the same reader. */
export async function countAll<T>(read: PageReader<T>): Promise<number> {
  let total = 0;
  let position: string | null = null;
  do {
    const page = await read({ limit: SKIP_CHUNK, position });
    total += page.items.length;
    position = page.position;
  } while (position !== null);
  return total;
}

/**
 * The body of an offset-paged list (see `offsetListSchema`). `has_more` is exact: true while items
 * remain by `total` and the store has a next position, so offset paging always ends.
 */
export async function offsetListBody<K extends string, T>(
  plural: K,
  listing: Listing,
  page: { items: T[]; position: string | null; offset: number },
  counts: { limit: number; total: number },
): Promise<
  Record<K, T[]> & {
    has_more: boolean;
    next_cursor: string | null;
    total: number;
    limit: number;
    offset: number;
  }
> {
  const hasMore = page.position !== null && page.offset + page.items.length < counts.total;
  const next = hasMore ? await sealCursor(listing, page.position, page.offset + page.items.length) : null;
  return {
    [plural]: page.items,
    total: counts.total,
    limit: counts.limit,
    offset: page.offset,
    has_more: hasMore,
    next_cursor: next,
  } as Record<K, T[]> & {
    has_more: boolean;
    next_cursor: string | null;
    total: number;
    limit: number;
    offset: number;
  };
}

/** DynamoDB's and ElectroDB's ways of refusing a start key or a cursor they cannot use. */
const CURSOR_REFUSALS = [
  /exclusive ?start ?key/i,
  /starting key/i,
  /unable to parse cursor/i,
  /invalid cursor provided/i,
  /invalid conversion cursor/i,
];

/**
 * The 400 a store error means when the request carried a cursor and the store refused the start key
 * it held (DynamoDB `ValidationException` about `ExclusiveStartKey`, ElectroDB's cursor errors, found
 * anywhere in the `cause` chain); `undefined` for any other error, which stays ours (a 500).
 */
export function cursorRejection(error: unknown, query: unknown): ValidationError | undefined {
  const cursorSent =
    typeof query === 'object' && query !== null && (query as { cursor?: unknown }).cursor !== undefined;
  if (!cursorSent) return undefined;
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const { message } = current;
    if (CURSOR_REFUSALS.some((pattern) => pattern.test(message))) return invalidCursor();
    current = current.cause;
  }
  return undefined;
}
