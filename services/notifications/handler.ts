import { notificationRoutes } from '#services/notifications/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(notificationRoutes);
