import { accountConsumers } from '#services/accounts/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(accountConsumers);
