import { auditRoutes } from '#services/audit/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(auditRoutes);
