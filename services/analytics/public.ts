/**
 * What the analytics service offers other services (DESIGN.md, "Service boundaries"): the recording hooks
 * the site and the download paths call once per page or file they serve. Both never throw.
 */
export {
  type DocumentDownloadVisit,
  type PageVisit,
  recordDocumentDownload,
  recordPageView,
} from '#services/analytics/record-visit';
