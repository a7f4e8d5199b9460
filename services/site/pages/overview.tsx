/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { overviewOf, type SiteDocument } from '#services/site/content';
import type { Translator } from '#services/site/i18n';
import type { SitePage } from '#services/site/page';
import { href, type PageContext } from '#services/site/page-context';

/** A certification's validity badge: the status the certifications service computed from the expiry. */
export function CertificationBadge({
  status,
  i18n,
}: {
  status: 'valid' | 'expiring' | 'expired';
  i18n: Translator;
}) {
  return <span class={`badge ${status}`}>{i18n.t(`certification.status.${status}`)}</span>;
}

/** One document as a card: public ones download, the others are added to an access request. */
export function DocumentCard({ document, context }: { document: SiteDocument; context: PageContext }) {
  const { i18n, language } = context;
  return (
    <li class="card">
      <h3>{document.title}</h3>
      <p class="meta">
        <span class={`badge ${document.access_level}`}>
          {i18n.t(`documents.access.${document.access_level}`)}
        </span>
      </p>
      {document.description ? <p>{document.description}</p> : null}
      {document.access_level === 'public' ? (
        <a class="button" href={href(language, `documents/${document.id}/download`)}>
          {i18n.t('documents.download', { title: document.title })}
        </a>
      ) : (
        <a class="button secondary" href={href(language, 'request', { document: document.id })}>
          {i18n.t('documents.request', { title: document.title })}
        </a>
      )}
    </li>
  );
}

/** The overview: brand, certifications with validity badges, featured documents, subprocessors, contact. */
export const overviewPage: SitePage = {
  route: '',
  async GET(context) {
    const { i18n, brand, language, tenantId } = context;
    const overview = await overviewOf(tenantId, language, context.brand);
    const featured = overview.documents.filter((document) => document.featured);
    const countries = new Set(overview.subprocessors.map((subprocessor) => subprocessor.location)).size;
    const title = i18n.t('site.title', { org: brand.name });
    return {
      title,
      body: (
        <>
          <h1>{i18n.t('overview.heading', { org: brand.name })}</h1>
          <p class="lead">{brand.intro ?? brand.tagline ?? i18n.t('overview.intro', { org: brand.name })}</p>

          <h2>{i18n.t('overview.certifications')}</h2>
          {overview.certifications.length === 0 ? (
            <p>{i18n.t('overview.certifications.none')}</p>
          ) : (
            <ul class="grid">
              {overview.certifications.map((certification) => (
                <li class="card" key={certification.id}>
                  <h3>{certification.framework}</h3>
                  <p class="meta">
                    <CertificationBadge status={certification.status} i18n={i18n} />
                  </p>
                  <p class="meta">{i18n.t('certification.issuer', { issuer: certification.issuer })}</p>
                  <p class="meta">
                    {i18n.t('certification.validUntil', { date: new Date(certification.expires_at) })}
                  </p>
                </li>
              ))}
            </ul>
          )}

          <h2>{i18n.t('overview.featured')}</h2>
          <ul class="grid">
            {featured.map((document) => (
              <DocumentCard key={document.id} document={document} context={context} />
            ))}
          </ul>
          <p>
            <a href={href(language, 'documents')}>
              {i18n.t('overview.allDocuments', { count: overview.documents.length })}
            </a>
          </p>

          <h2>{i18n.t('overview.subprocessors')}</h2>
          <p>
            {i18n.t('overview.subprocessors.summary', { count: overview.subprocessors.length, countries })}{' '}
            <a href={href(language, 'subprocessors')}>{i18n.t('overview.subprocessors.link')}</a>
          </p>

          {brand.securityContact ? (
            <>
              <h2>{i18n.t('overview.contact')}</h2>
              <p>
                <a href={`mailto:${brand.securityContact}`}>
                  {i18n.t('overview.contact.text', { email: brand.securityContact })}
                </a>
              </p>
            </>
          ) : null}
        </>
      ),
    };
  },
};
