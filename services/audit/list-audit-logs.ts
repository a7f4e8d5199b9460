import type { ListAuditLogsQuery } from '#services/audit/schemas';
import {
  type AuditEntryItem,
  type AuditFilter,
  listAuditEntries,
  positionWithin,
} from '#services/audit/store';
import type { Identity } from '#shared/auth/identity';
import { NotFoundError, ValidationError } from '#shared/errors';
import { type Listing, listingOf, openCursor } from '#shared/http/pagination';

/**
 * Whose log a caller reads: a platform operator any organization's (`org_id`, seed 3) or, without one,
 * the platform's own (operator actions, sign-ins of unknown emails); anyone else only their own tenant's.
 * Another organization's id is a 404, as on the organization routes, so ids cannot be probed.
 */
export function auditedTenant(identity: Identity, orgId: string | undefined): string {
  if (orgId === undefined || orgId === identity.tenantId) return identity.tenantId;
  if (identity.principalType === 'operator') return orgId;
  throw new NotFoundError('No such organization', 'org_id');
}

function filterOf(query: ListAuditLogsQuery): AuditFilter {
  return {
    actorId: query.actor_id,
    targetId: query.target_id,
    action:
      query.action === undefined
        ? undefined
        : query.action.endsWith('.*')
          ? { prefix: query.action.slice(0, -1) }
          : { exact: query.action },
    since: query.since,
    until: query.until,
  };
}

export async function listAuditLogs(
  identity: Identity,
  query: ListAuditLogsQuery,
): Promise<{ listing: Listing; items: AuditEntryItem[]; position: string | null }> {
  const tenantId = auditedTenant(identity, query.org_id);
  const filter = filterOf(query);
  // Bound to the caller, the organization read (`org_id`) and every filter.
  const listing = listingOf('listAuditLogs', identity.tenantId, { query });
  const position = await openCursor(listing, query.cursor);
  // A cursor from a listing with another time range would start DynamoDB outside this one's key range.
  if (position !== null && !positionWithin(position, filter))
    throw new ValidationError('The cursor belongs to a listing with another time range', 'cursor');
  const page = await listAuditEntries(tenantId, filter, { limit: query.limit, position });
  return { listing, ...page };
}
