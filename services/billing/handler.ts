import { billingRoutes } from '#services/billing/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(billingRoutes);
