import { metaRoutes } from '#services/meta/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(metaRoutes);
