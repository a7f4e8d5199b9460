import { PreconditionFailedError } from '#shared/http/errors';

/** Strong ETags derived from an entity's version attribute. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Enforces `If-Match` on an update: absent means "update whatever is current"; present must name the
 * current version (or `*`), else 412.
 */
export function checkIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined) return;
  const candidates = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (candidates.includes('*') || candidates.includes(etagOf(currentVersion))) return;
  throw new PreconditionFailedError();
}
