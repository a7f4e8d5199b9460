/**
 * What the subprocessors service offers other services (DESIGN.md, "Service boundaries"): the subprocessors
 * a trust center discloses. Every other module of services/subprocessors/ is private.
 */
import type { SubprocessorView } from '#services/subprocessors/schemas';
import { subprocessors } from '#services/subprocessors/store';
import { toSubprocessorView } from '#services/subprocessors/view';
import { config } from '#shared/config';

export { SUBPROCESSOR_TRANSLATED_FIELDS, type SubprocessorView } from '#services/subprocessors/schemas';

/** The statuses a visitor sees: those in use and those announced ahead; a retired one is history. */
export const DISCLOSED_STATUSES = [
  'active',
  'planned',
] as const satisfies readonly SubprocessorView['status'][];

/** The tenant's disclosed subprocessors (active and planned; never retired), by name. */
export async function disclosedSubprocessors(tenantId: string): Promise<SubprocessorView[]> {
  const { data } = await subprocessors.query.byId({ tenantId }).go({ table: config.tableName, pages: 'all' });
  return data
    .map(toSubprocessorView)
    .filter((view) => (DISCLOSED_STATUSES as readonly string[]).includes(view.status))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
