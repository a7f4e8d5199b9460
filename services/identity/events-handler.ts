import { identityConsumers } from '#services/identity/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(identityConsumers);
