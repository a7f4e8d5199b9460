import { notificationConsumers } from '#services/notifications/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(notificationConsumers);
