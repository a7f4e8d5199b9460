import { trustCenterRoutes } from '#services/trust-center/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(trustCenterRoutes);
