/**
 * What the billing service offers other services (DESIGN.md, "Service boundaries"): the organization's
 * plan, the quota guard every creation point commits with (and the early refusal), and the storage
 * counter's transaction item for files that are forgotten. Every other module of services/billing/ is
 * private; `npm run check` refuses imports of them from elsewhere.
 */

export { type ApiKeyUse, apiKeyUse } from '#services/billing/api-key-use';
export type { Meter, Plan, PlanLimits } from '#services/billing/plans';
export { assertWithinQuota, planOf } from '#services/billing/quota';
export { commitWithinQuota } from '#services/billing/quota-guard';
export { storageUsageChange } from '#services/billing/usage-store';
