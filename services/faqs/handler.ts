import { faqRoutes } from '#services/faqs/routes';
import { serviceHandler } from '#shared/http/pipeline';

export const handler = serviceHandler(faqRoutes);
