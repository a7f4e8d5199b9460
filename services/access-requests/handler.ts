import { accessRequestRoutes } from '#services/access-requests/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(accessRequestRoutes);
