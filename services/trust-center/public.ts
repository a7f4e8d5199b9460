/**
 * What the trust-center service offers other services (DESIGN.md, "Service boundaries"): what a visitor
 * reads of a trust center, for the site's pages. Published content only, in the visitor's language with a
 * fallback to the trust center's default language. Every other module of services/trust-center/ is private.
 */
export { trustCenterOverview } from '#services/trust-center/overview';
export type {
  TrustCenterOverview,
  TrustCenterSearch,
} from '#services/trust-center/schemas';
export { searchTrustCenter } from '#services/trust-center/search';
export { visitorLanguage } from '#services/trust-center/visitor-language';
