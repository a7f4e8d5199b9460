/**
 * What the trust-center service offers other services (DESIGN.md, "Service boundaries"): what a visitor
 * reads of a trust center, for the site's pages. Published content only, in the visitor's language with a
 * fallback to the trust center's default language. Every other module of services/trust-center/ is private.
 */

export type {
  TrustCenterOverview,
  TrustCenterSearch,
} from '#services/trust-center/schemas';
export { searchTrustCenter } from '#services/trust-center/search';
export {
  publishedTrustCenter,
  snapshotOverview,
  type TrustCenterSnapshot,
} from '#services/trust-center/snapshot';
export { visitorLanguage } from '#services/trust-center/visitor-language';
