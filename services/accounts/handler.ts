import { accountRoutes } from '#services/accounts/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(accountRoutes);
