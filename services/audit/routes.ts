import { listAuditLogs } from '#services/audit/list-audit-logs';
import { auditLog, listAuditLogsQuery } from '#services/audit/schemas';
import { toAuditLogView } from '#services/audit/view';
import { listBody, listSchema } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'audit';
const tags = ['Audit logs'];

// Read only on purpose: the audit log has no route that changes or deletes an entry.
export const auditRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/audit-logs',
    operationId: 'listAuditLogs',
    summary: 'List audit log entries',
    description:
      'Every change and every sign-in, newest first: who (actor, credential, IP, user agent), what (action), ' +
      'to what (target) and a before/after summary. Filter by `actor_id`, `action` (exact or `account.*`), ' +
      '`target_id` and a `since`/`until` time range. A filtered page may hold fewer than `limit` entries ' +
      '(even none) while `has_more` is true: each request reads a bounded part of the log, so keep following ' +
      '`next_cursor`. Platform operators read any organization with `org_id`; members only their own.',
    tags,
    auth: 'tenant',
    operators: true,
    scope: 'audit_logs:read',
    request: { query: listAuditLogsQuery },
    responses: {
      200: {
        description: 'A page of audit log entries, newest first',
        schema: listSchema('audit_logs', auditLog),
      },
    },
    async handler({ identity, query }) {
      const page = await listAuditLogs(callerOf(identity), query);
      return {
        status: 200,
        body: await listBody('audit_logs', page.listing, page.items.map(toAuditLogView), page.position),
      };
    },
  }),
];
