import { brandRoutes } from '#services/brand/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(brandRoutes);
