/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { recordDocumentDownload } from '#services/analytics/public';
import { documentDownloadForViewer, findDocument } from '#services/documents/public';
import { overviewOf, type SiteDocument } from '#services/site/content';
import type { SitePage } from '#services/site/page';
import { DocumentCard } from '#services/site/pages/overview.tsx';
import { NotFoundError } from '#shared/errors';
import { idPattern } from '#shared/ids';

/** Documents grouped by category, categories in alphabetical order and the uncategorized last. */
function byCategory(
  documents: readonly SiteDocument[],
  other: string,
  language: string,
): [string, SiteDocument[]][] {
  const groups = new Map<string, SiteDocument[]>();
  for (const document of documents) {
    const category = document.category ?? '';
    groups.set(category, [...(groups.get(category) ?? []), document]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, language)))
    .map(([category, list]) => [category || other, list]);
}

/** Every published document by category: public ones download, the others go into an access request. */
export const documentsPage: SitePage = {
  route: 'documents',
  async GET(context) {
    const { i18n, language, tenantId } = context;
    const overview = await overviewOf(tenantId, language, context.brand);
    return {
      title: i18n.t('documents.heading'),
      body: (
        <>
          <h1>{i18n.t('documents.heading')}</h1>
          <p class="lead">{i18n.t('documents.intro')}</p>
          {overview.documents.length === 0 ? <p>{i18n.t('documents.none')}</p> : null}
          {byCategory(overview.documents, i18n.t('documents.uncategorized'), language).map(
            ([category, list], index) => (
              // A category is the tenant's text: the heading's id is its position, never the name.
              <section key={category} aria-labelledby={`category-${index}`}>
                <h2 id={`category-${index}`}>{category}</h2>
                <ul class="grid">
                  {list.map((document) => (
                    <DocumentCard key={document.id} document={document} context={context} />
                  ))}
                </ul>
              </section>
            ),
          )}
        </>
      ),
    };
  },
};

/**
 * A public document's download: a short-lived presigned link, by redirect. Restricted and NDA documents
 * are never served here (a 404, like a document that does not exist); they come through a grant.
 */
export const publicDownloadPage: SitePage = {
  route: 'documents/{id}/download',
  async GET(context, params) {
    const id = params.id ?? '';
    const item = idPattern('document').test(id) ? await findDocument(context.tenantId, id) : null;
    if (item?.accessLevel !== 'public') throw new NotFoundError('No such public document', 'id');
    const download = await documentDownloadForViewer(context.tenantId, id, { viewer: 'public' });
    const { headers, userAgent } = context.request;
    await recordDocumentDownload({
      tenantId: context.tenantId,
      documentId: id,
      kind: 'public',
      userAgent,
      headers,
    });
    return { redirect: download.url };
  },
};
