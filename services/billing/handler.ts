import { apiUsageRoutes } from '#services/billing/api-usage-routes';
import { billingRoutes } from '#services/billing/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler([...billingRoutes, ...apiUsageRoutes]);
