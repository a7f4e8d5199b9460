/**
 * The deployment's plans: `planTiers` of cdk.json context (validated at synth by infra/config.ts), read
 * at run time from the environment the stack sets. One source for usage plans, prices, limits, features.
 */
import { config, type PlanSettings } from '#shared/config';
import { ValidationError } from '#shared/errors';

/** What an organization may hold at once, by meter; `api_requests_per_month` is the usage plan's quota. */
export interface PlanLimits {
  members: number;
  documents: number;
  storage_bytes: number;
  custom_domains: number;
  /** Days visitor analytics are kept (services/analytics): each day's counters expire that long after it. */
  analytics_retention_days: number;
  api_requests_per_month: number;
}

/** The meters whose quotas are checked where things are created (QuotaExceededError beyond them). */
export const METERS = ['members', 'documents', 'storage_bytes', 'custom_domains'] as const;
export type Meter = (typeof METERS)[number];

/**
 * A plan as the services see it: id (a key of `planTiers`), name, monthly price (whole units of its
 * currency), limits and features (`custom_domains` says whether custom domains are offered at all).
 */
export interface Plan {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  limits: PlanLimits;
  features: { custom_domains: boolean } & Record<string, boolean>;
  /** The usage plan: requests per second and burst. */
  throttle: { rate_limit: number; burst_limit: number };
}

function toPlan(id: string, settings: PlanSettings): Plan {
  return {
    id,
    name: settings.name,
    price: settings.price,
    limits: { ...settings.limits, api_requests_per_month: settings.monthlyQuota },
    features: settings.features,
    throttle: { rate_limit: settings.rateLimit, burst_limit: settings.burstLimit },
  };
}

/** Every plan of the deployment, in the order cdk.json lists them. */
export function plans(): Plan[] {
  return Object.entries(config.planTiers).map(([id, settings]) => toPlan(id, settings));
}

/** The plan with this id. @throws ValidationError (on `param`) naming the plans there are. */
export function planById(id: string, param = 'plan'): Plan {
  const settings = config.planTiers[id];
  if (!settings) {
    throw new ValidationError(`Unknown plan; one of: ${Object.keys(config.planTiers).join(', ')}`, param);
  }
  return toPlan(id, settings);
}

/**
 * The plan of a tenant that has no organization item: only the local platform's development tenants
 * (tests) are such. They get the most generous plan, as platform operators' meter does.
 */
export function mostGenerousPlan(): Plan {
  const [first] = plans().sort((a, b) => b.throttle.rate_limit - a.throttle.rate_limit);
  if (!first) throw new Error('The deployment declares no plans (cdk.json planTiers)');
  return first;
}
