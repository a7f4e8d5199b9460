import { identityRoutes } from '#services/identity/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(identityRoutes);
