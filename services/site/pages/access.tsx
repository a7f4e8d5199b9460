/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import {
  exchangeMagicLink,
  grantedDocuments,
  grantedDownload,
  visitorOf,
} from '#services/access-requests/public';
import type { SitePage } from '#services/site/page';
import { href, type PageContext } from '#services/site/page-context';
import { MAIL_LINK_ROUTES } from '#services/site/site-map';
import { AuthenticationError, NotFoundError } from '#shared/errors';

/**
 * The visitor session lives in this cookie: `__Host-` (Secure, Path=/, this host only), HttpOnly so no
 * script reads it, SameSite=Lax so no cross-site post carries it.
 */
export const SESSION_COOKIE = '__Host-visitor';

function sessionCookie(token: string, expiresAt: string): string {
  const maxAge = Math.max(0, Math.floor((new Date(expiresAt).getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

/** The visitor behind the session cookie, on this trust center only; null without a live session. */
async function visitorOfCookie(context: PageContext) {
  const token = context.request.cookies[SESSION_COOKIE];
  if (!token) return null;
  try {
    const visitor = await visitorOf(`Bearer ${token}`);
    return visitor.grant.tenantId === context.tenantId ? visitor : null;
  } catch (error) {
    if (error instanceof AuthenticationError) return null;
    throw error;
  }
}

/**
 * The magic link's landing. Opening the link (GET) changes nothing, since mail scanners open links too;
 * the visitor's click sends the token by POST, which exchanges it for the session cookie once.
 */
export const accessPage: SitePage = {
  route: MAIL_LINK_ROUTES.magicLink,
  async GET(context) {
    const { i18n, language, request } = context;
    const token = request.query.get('token') ?? '';
    return {
      title: i18n.t('access.heading'),
      body: (
        <>
          <h1>{i18n.t('access.heading')}</h1>
          <p class="lead">{i18n.t('access.open.intro')}</p>
          {token ? (
            <form method="post" action={href(language, MAIL_LINK_ROUTES.magicLink)}>
              <input type="hidden" name="token" value={token} />
              <button type="submit">{i18n.t('access.open.button')}</button>
            </form>
          ) : null}
        </>
      ),
    };
  },
  async POST(context) {
    const { i18n, request, language } = context;
    try {
      const { sessionToken, session } = await exchangeMagicLink(request.form.get('token') ?? '', {
        ip: request.sourceIp,
        userAgent: request.userAgent,
      });
      return {
        redirect: href(language, 'access/documents'),
        cookies: [sessionCookie(sessionToken, session.expiresAt)],
      };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return {
        status: 400,
        title: i18n.t('access.heading'),
        body: (
          <>
            <h1>{i18n.t('access.heading')}</h1>
            <p class="alert" role="alert">
              {i18n.t('access.invalid')}
            </p>
            <p>
              <a href={href(language, 'request')}>{i18n.t('nav.request')}</a>
            </p>
          </>
        ),
      };
    }
  },
};

/** "Your documents": the grant's documents with watermarked downloads, and when the access ends. */
export const grantedDocumentsPage: SitePage = {
  route: 'access/documents',
  async GET(context) {
    const { i18n, language } = context;
    const visitor = await visitorOfCookie(context);
    if (!visitor) {
      return {
        status: 401,
        title: i18n.t('access.heading'),
        body: (
          <>
            <h1>{i18n.t('access.heading')}</h1>
            <p>{i18n.t('access.none')}</p>
          </>
        ),
      };
    }
    const documents = await grantedDocuments(visitor.grant);
    return {
      title: i18n.t('access.heading'),
      body: (
        <>
          <h1>{i18n.t('access.heading')}</h1>
          <p>{i18n.t('access.signedIn', { email: visitor.session.email })}</p>
          <p class="notice">{i18n.t('access.expires', { date: new Date(visitor.grant.expiresAt) })}</p>
          <ul class="grid">
            {documents.map((document) => (
              <li class="card" key={document.id}>
                <h2>{document.title}</h2>
                {document.description ? <p>{document.description}</p> : null}
                <a class="button" href={href(language, `access/documents/${document.id}/download`)}>
                  {i18n.t('access.download', { title: document.title })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ),
    };
  },
};

/** A granted document's download: a short-lived link to the copy stamped with the visitor's email. */
export const grantedDownloadPage: SitePage = {
  route: 'access/documents/{id}/download',
  async GET(context, params) {
    const visitor = await visitorOfCookie(context);
    if (!visitor) return { redirect: href(context.language, 'access/documents') };
    const download = await grantedDownload(visitor, params.id ?? '');
    return { redirect: download.url };
  },
};
