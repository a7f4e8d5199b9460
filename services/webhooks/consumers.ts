import { dispatchEvent } from '#services/webhooks/dispatch-event';
import { defineConsumer } from '#shared/events/consumer';

export const webhookConsumers = [
  defineConsumer({
    name: 'webhook-dispatcher',
    service: 'webhooks',
    summary:
      "Delivers each event to the tenant's webhook endpoints that subscribe to it, signed, with retries",
    events: '*',
    access: ['outbound'],
    async handle(event, { now }) {
      await dispatchEvent(event, now);
    },
  }),
];
