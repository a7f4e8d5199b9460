/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { render } from 'preact-render-to-string';
import { recordPageView } from '#services/analytics/public';
import { siteBrand, tenantOfViewer } from '#services/site/content';
import {
  isSameOrigin,
  newNonce,
  pageHeaders,
  redirect,
  type SiteRequest,
  siteRequestOf,
} from '#services/site/http';
import { isLanguage, negotiateLanguage, translator } from '#services/site/i18n';
import { Layout } from '#services/site/layout.tsx';
import type { PageResult } from '#services/site/page';
import { href, type PageContext } from '#services/site/page-context';
import { matchPage } from '#services/site/pages';
import { NotFoundError } from '#shared/errors';
import { httpErrorOf } from '#shared/http/errors';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import type { Language } from '#shared/languages';
import { logger } from '#shared/observability/logger';
import { traceInvocation } from '#shared/observability/tracer';

function htmlResult(
  context: PageContext,
  result: Extract<PageResult, { title: string }>,
): APIGatewayProxyResult {
  const html = render(
    <Layout context={context} title={result.title}>
      {result.body}
    </Layout>,
  );
  return {
    statusCode: result.status ?? 200,
    headers: pageHeaders(context.nonce),
    body: `<!doctype html>${html}`,
  };
}

function messagePage(context: PageContext, status: number, title: string, text: string, home = true) {
  return htmlResult(context, {
    status,
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p>{text}</p>
        {home ? (
          <p>
            <a href={href(context.language, '')}>{context.i18n.t('notFound.home')}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

/** A host no trust center has: a plain page that names nobody, in the visitor's language. */
function noTrustCenter(request: SiteRequest, nonce: string): APIGatewayProxyResult {
  const language = negotiateLanguage(request.headers['accept-language']);
  const i18n = translator(language);
  const html = render(
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{i18n.t('noTrustCenter.title')}</title>
      </head>
      <body>
        <main>
          <h1>{i18n.t('noTrustCenter.title')}</h1>
          <p>{i18n.t('noTrustCenter.text')}</p>
        </main>
      </body>
    </html>,
  );
  return {
    statusCode: 404,
    headers: pageHeaders(nonce),
    body: `<!doctype html>${html}`,
  };
}

function apiNotFound(request: SiteRequest): APIGatewayProxyResult {
  const answer = httpErrorOf(new NotFoundError(`No route for ${request.method} ${request.path}`));
  return {
    statusCode: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(answer?.toBody()),
  };
}

/**
 * Serves one page: the tenant from the viewer's host, the language from the path's prefix (a bare path
 * is redirected by `Accept-Language`), then the page of the route table (pages.ts) for the method. Form
 * posts must come from the site itself (CSRF). A page that finds nothing is the trust center's own 404.
 */
export async function renderSite(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const request = await siteRequestOf(event);
  // In AWS the site is API Gateway's `{proxy+}`: an undeclared API path reaches it, and gets the API's 404.
  if (request.path === '/api' || request.path.startsWith('/api/')) return apiNotFound(request);
  const nonce = newNonce();
  const tenantId = await tenantOfViewer(event);
  if (!tenantId) return noTrustCenter(request, nonce);
  // Clients that ask for the conventional `/favicon.ico` (feed readers, bookmarks, a browser on a page it
  // has no icon link for) get the brand's, or a plain 404: an icon has no language to redirect to.
  if (request.path === '/favicon.ico') {
    const { faviconUrl } = await siteBrand(tenantId);
    if (faviconUrl) return redirect(faviconUrl, 302);
    return { statusCode: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }, body: '' };
  }
  const [first, ...rest] = request.path.split('/').filter((segment) => segment.length > 0);
  if (!isLanguage(first)) {
    const brand = await siteBrand(tenantId);
    const language = negotiateLanguage(
      request.headers['accept-language'],
      brand.languages,
      brand.defaultLanguage,
    );
    const search = request.query.size > 0 ? `?${request.query}` : '';
    return redirect(`/${language}${request.path === '/' ? '' : request.path}${search}`, 302, {
      Vary: 'Accept-Language',
    });
  }
  const language: Language = first;
  const brand = await siteBrand(tenantId, language);
  const route = rest.join('/');
  const context: PageContext = {
    request,
    tenantId,
    brand,
    language,
    i18n: translator(language),
    nonce,
    route,
  };
  const { i18n } = context;
  const notFound = () => messagePage(context, 404, i18n.t('notFound.title'), i18n.t('notFound.text'));
  if (!brand.languages.includes(language)) return notFound();
  const matched = matchPage(route);
  if (!matched) return notFound();
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const pageHandler = method === 'GET' || method === 'POST' ? matched.page[method] : undefined;
  if (!pageHandler) {
    const allowed = (['GET', 'POST'] as const).filter((name) => matched.page[name]);
    return { ...notFound(), statusCode: 405, headers: { ...pageHeaders(nonce), Allow: allowed.join(', ') } };
  }
  if (method === 'POST' && !isSameOrigin(request)) {
    return messagePage(context, 403, i18n.t('error.generic'), i18n.t('error.csrf'));
  }
  try {
    const result = await pageHandler(context, matched.params);
    if ('redirect' in result) return redirect(result.redirect, 303, {}, result.cookies ?? []);
    const served = htmlResult(context, result);
    // One page view per page served to a visitor (issue 15): a GET answered 200 with the page itself, so
    // once it is rendered (until then it may still be a 404 or a 500, which count no view). Recording
    // writes a log line (services/analytics/page-view-log.ts): no network call while the visitor waits, and
    // nothing left in flight when the Lambda is frozen after answering.
    if (request.method === 'GET' && served.statusCode === 200) {
      await recordPageView({
        tenantId,
        route: matched.page.route,
        language,
        host: request.host,
        headers: request.headers,
        sourceIp: request.sourceIp,
        documentId: request.query.get('document'),
      });
    }
    return served;
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    logger.error('The page failed', { route: matched.page.route, error });
    return messagePage(context, 500, i18n.t('error.generic'), i18n.t('error.generic'));
  }
}

/** The site's Lambda entry: CloudFront's default behaviour, locally the gateway's fallback. */
export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(traceInvocation())
  .handler(async (event) => {
    try {
      return await renderSite(event);
    } catch (error) {
      logger.error('The site failed', { error });
      // Plain text in the visitor's language: whatever failed may be what renders pages.
      const acceptLanguage = Object.entries(event.headers ?? {}).find(
        ([name]) => name.toLowerCase() === 'accept-language',
      )?.[1];
      return {
        statusCode: 500,
        headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
        body: translator(negotiateLanguage(acceptLanguage)).t('error.generic'),
      };
    }
  });
