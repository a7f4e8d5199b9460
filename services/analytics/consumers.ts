import { applyFold } from '#services/analytics/counters';
import { FOLDED_EVENTS, foldEvent } from '#services/analytics/fold';
import { retentionDaysOf } from '#services/analytics/retention';
import { defineConsumer } from '#shared/events/consumer';

export const analyticsConsumers = [
  defineConsumer({
    name: 'analytics-counters',
    service: 'analytics',
    summary:
      'Folds page views, downloads and access-request decisions into per-tenant, per-day counters (exactly once per event)',
    events: FOLDED_EVENTS,
    async handle(event, { now }) {
      const retentionDays = await retentionDaysOf(event.tenant_id, now);
      await applyFold(event.tenant_id, event.id, foldEvent(event), retentionDays, now);
    },
  }),
];
