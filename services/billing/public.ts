/**
 * What the billing service offers other services (DESIGN.md, "Service boundaries"): the organization's
 * plan, the quota check every creation point calls, and the storage counter's transaction item. Every
 * other module of services/billing/ is private; `npm run check` refuses imports of them from elsewhere.
 */

export { type ApiKeyUse, apiKeyUse } from '#services/billing/api-key-use';
export type { Meter, Plan, PlanLimits } from '#services/billing/plans';
export { assertWithinQuota, planOf } from '#services/billing/quota';
export { storageUsageChange } from '#services/billing/usage-store';
