import { analyticsConsumers } from '#services/analytics/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(analyticsConsumers);
