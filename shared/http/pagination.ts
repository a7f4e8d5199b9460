import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '#shared/http/errors';
import { singleLine } from '#shared/http/text-fields';
import { cursorSigningKey } from '#shared/secrets';

/** The `limit` and `cursor` query parameters every list route accepts. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100.'),
  cursor: singleLine(4096, { trim: false }).optional().describe('Opaque cursor from a previous page.'),
};

function mac(payload: string, tenantId: string, key: string): Buffer {
  return createHmac('sha256', key).update(`${tenantId}\n${payload}`).digest();
}

/**
 * Wraps a store's continuation token into an opaque cursor signed for one tenant, so a cursor can be
 * neither forged nor replayed by another tenant.
 */
export async function sealCursor(tenantId: string, position: string | null): Promise<string | null> {
  if (position === null) return null;
  const payload = Buffer.from(position, 'utf8').toString('base64url');
  return `${payload}.${mac(payload, tenantId, await cursorSigningKey()).toString('base64url')}`;
}

/** The store's continuation token inside a cursor; a 400 for a tampered, malformed or foreign cursor. */
export async function openCursor(tenantId: string, cursor: string | undefined): Promise<string | null> {
  if (cursor === undefined) return null;
  const [payload, signature, ...rest] = cursor.split('.');
  const invalid = new ValidationError('The cursor is invalid or belongs to another listing', 'cursor');
  if (!payload || !signature || rest.length > 0) throw invalid;
  const expected = mac(payload, tenantId, await cursorSigningKey());
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid;
  return Buffer.from(payload, 'base64url').toString('utf8');
}

/** Builds a list response schema: `{"<plural>": [...], "has_more", "next_cursor"}`. */
export function listSchema<K extends string, T extends z.ZodType>(plural: K, item: T) {
  return z.object({
    [plural]: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  } as { [P in K]: z.ZodArray<T> } & { has_more: z.ZodBoolean; next_cursor: z.ZodNullable<z.ZodString> });
}

export async function listBody<K extends string, T>(
  plural: K,
  tenantId: string,
  items: T[],
  position: string | null,
): Promise<Record<K, T[]> & { has_more: boolean; next_cursor: string | null }> {
  const next = await sealCursor(tenantId, position);
  return { [plural]: items, has_more: next !== null, next_cursor: next } as Record<K, T[]> & {
    has_more: boolean;
    next_cursor: string | null;
  };
}
