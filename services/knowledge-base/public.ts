/**
 * What the knowledge-base service offers other services (DESIGN.md, "Service boundaries"): its search, which
 * the public trust center and its MCP server run for visitors (every entry of a knowledge base is public:
 * it is the trust center's self-service Q&A). Every other module of services/knowledge-base/ is private.
 */
export type { Language as KnowledgeBaseLanguage, SearchResponse } from '#services/knowledge-base/schemas';
export { searchKnowledgeBase } from '#services/knowledge-base/search-knowledge-base';
