import { analyticsRoutes } from '#services/analytics/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(analyticsRoutes);
