import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { PreconditionFailedError } from '#shared/errors';
import type { DomainEvent } from '#shared/events/envelope';

/** Strong ETags derived from an entity's version attribute. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Enforces `If-Match` on an update: absent means "update whatever is current"; present must name the
 * current version (or be `*`), else 412. RFC 9110 §13.1.1 requires the strong comparison here: a weak tag
 * (`W/"3"`) never matches, even one that names the current version, and an entry that is not an
 * entity-tag at all matches nothing.
 * @throws PreconditionFailedError (412).
 */
export function checkIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined) return;
  const candidates = ifMatch.split(',').map((tag) => tag.trim());
  if (candidates.includes('*') || candidates.includes(etagOf(currentVersion))) return;
  throw new PreconditionFailedError();
}

/**
 * Commits a change guarded by the version it was read at. A refused condition means someone wrote in
 * between: the caller's view (and ETag) is stale, so 412.
 */
export async function commitIfCurrent(writes: TransactItem[], events: DomainEvent[]): Promise<void> {
  try {
    await commitWithEvents(writes, events);
  } catch (error) {
    if (error instanceof WriteConflict) throw new PreconditionFailedError(undefined, { cause: error });
    throw error;
  }
}
