import { trustCenterConsumers } from '#services/trust-center/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(trustCenterConsumers);
