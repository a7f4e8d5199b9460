/**
 * What the access-requests service offers other services (DESIGN.md, "Service boundaries"): reads only.
 */
// The trust-center site (services/site) renders the visitor's side of these routes: the form, the NDA,
// the magic-link exchange and the granted documents. It calls the same use cases the public routes do.
export { currentNda, ndaInForce, platformDefaultNda } from '#services/access-requests/ndas';
export { type NdaTextView, submitAccessRequestBody } from '#services/access-requests/schemas';
export { submitAccessRequest } from '#services/access-requests/submit-access-request';
export {
  exchangeMagicLink,
  grantedDocuments,
  grantedDownload,
  visitorOf,
} from '#services/access-requests/visitor-access';
