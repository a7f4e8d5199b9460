import { webhookRoutes } from '#services/webhooks/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(webhookRoutes);
