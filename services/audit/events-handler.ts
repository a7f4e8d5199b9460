import { auditConsumers } from '#services/audit/consumers';
import { consumersHandler } from '#shared/events/run-consumer';

export const handler = consumersHandler(auditConsumers);
