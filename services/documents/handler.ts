import { documentRoutes } from '#services/documents/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(documentRoutes);
