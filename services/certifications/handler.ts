import { certificationRoutes } from '#services/certifications/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(certificationRoutes);
