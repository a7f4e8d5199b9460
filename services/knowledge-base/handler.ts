import { knowledgeBaseRoutes } from '#services/knowledge-base/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(knowledgeBaseRoutes);
