import { type Route, routeKey } from '#shared/http/route';

/**
 * Every route's operation id by its route key (`GET /api/v1/accounts/{id}` → `getAccount`), from the route
 * table. `npm run openapi` writes it to shared/openapi/operations.json beside the OpenAPI document, for code
 * that must name a request's operation without loading the route table and every service with it: the API
 * usage folding reads an access log line's method and resource path (services/billing/api-usage-records.ts).
 */
export function operationTable(routes: readonly Route[]): Record<string, string> {
  return Object.fromEntries(
    routes
      .map((route) => [routeKey(route), route.operationId] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The file's exact text: one entry per line, sorted, so a change of routes reads as a small diff. */
export function serializeOperationTable(table: Record<string, string>): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}
