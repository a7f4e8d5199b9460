import { webhookConsumers } from '#services/webhooks/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(webhookConsumers);
