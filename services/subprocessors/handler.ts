import { subprocessorRoutes } from '#services/subprocessors/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(subprocessorRoutes);
