import { accessRequestConsumers } from '#services/access-requests/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(accessRequestConsumers);
