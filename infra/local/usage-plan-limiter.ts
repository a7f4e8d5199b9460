/**
 * API Gateway's usage-plan throttling, for the local gateway: a token bucket per API key (rate per
 * second, burst as capacity) and a monthly quota, from the same `planTiers` that become usage plans.
 */
export interface PlanTier {
  rateLimit: number;
  burstLimit: number;
  monthlyQuota: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** The bucket's capacity (the plan's burst). */
  limit: number;
  /** Whole requests left in the bucket after this one. */
  remaining: number;
  /** Epoch seconds at which the bucket is full again. */
  reset: number;
  /** Seconds until the next request would be accepted (0 when allowed). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  month: string;
  used: number;
}

export class UsagePlanLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Accepted requests per key and UTC day (`YYYY-MM-DD`), which API Gateway's GetUsage reports. */
  private readonly daily = new Map<string, number>();

  constructor(
    private readonly tiers: Readonly<Record<string, PlanTier>>,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, plan: string): LimitDecision {
    const tier = this.tiers[plan];
    if (!tier) throw new Error(`No usage plan tier named ${plan}`);
    const now = this.now();
    const month = new Date(now).toISOString().slice(0, 7);
    const bucket = this.buckets.get(key) ?? { tokens: tier.burstLimit, updatedAt: now, month, used: 0 };
    if (bucket.month !== month) Object.assign(bucket, { month, used: 0 });
    bucket.tokens = Math.min(
      tier.burstLimit,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * tier.rateLimit,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);

    const withinQuota = bucket.used < tier.monthlyQuota;
    const allowed = withinQuota && bucket.tokens >= 1;
    if (allowed) {
      bucket.tokens -= 1;
      bucket.used += 1;
      const day = `${key}\u0000${new Date(now).toISOString().slice(0, 10)}`;
      this.daily.set(day, (this.daily.get(day) ?? 0) + 1);
    }
    const secondsToFull = (tier.burstLimit - bucket.tokens) / tier.rateLimit;
    const nextMonth = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 1);
    const retryAfter = allowed
      ? 0
      : withinQuota
        ? Math.ceil((1 - bucket.tokens) / tier.rateLimit)
        : Math.ceil((nextMonth - now) / 1000);
    return {
      allowed,
      limit: tier.burstLimit,
      remaining: Math.floor(bucket.tokens),
      reset: Math.ceil((now + secondsToFull * 1000) / 1000),
      retryAfter: Math.max(retryAfter, allowed ? 0 : 1),
    };
  }

  /**
   * GetUsage's answer for one key and UTC day (`YYYY-MM-DD`): requests accepted that day, and what the
   * month's quota had left at the end of it (of the current month; a past month reports 0 left).
   */
  usage(key: string, plan: string, day: string): [used: number, remaining: number] {
    const used = this.daily.get(`${key}\u0000${day}`) ?? 0;
    const tier = this.tiers[plan];
    const bucket = this.buckets.get(key);
    const remaining =
      tier && bucket?.month === day.slice(0, 7) ? Math.max(0, tier.monthlyQuota - bucket.used) : 0;
    return [used, remaining];
  }
}
