/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { fontFiles } from '#services/brand/public';
import { assetUrl } from '#services/site/assets';
import type { MessageId } from '#services/site/messages/en';
import { href, type PageContext } from '#services/site/page-context';

/** Endonyms: a language is named in itself in the switcher, so a visitor finds their own. */
const LANGUAGE_NAMES = { en: 'English', de: 'Deutsch', fr: 'Français' } as const;

const NAV: readonly { route: string; label: MessageId }[] = [
  { route: '', label: 'nav.overview' },
  { route: 'documents', label: 'nav.documents' },
  { route: 'faq', label: 'nav.faq' },
  { route: 'search', label: 'nav.search' },
  { route: 'subprocessors', label: 'nav.subprocessors' },
  { route: 'request', label: 'nav.request' },
];

export interface LayoutProps {
  context: PageContext;
  /** The page's own title; the trust center's name follows it. */
  title: string;
  children: ComponentChildren;
}

/**
 * Every page's frame: the brand (colours as CSS custom properties in a nonce'd style element, the logo),
 * the navigation, the language switcher with `hreflang` alternates, and the footer. Names nothing but
 * the tenant.
 */
export function Layout({ context, title, children }: LayoutProps) {
  const { brand, language, i18n, nonce, route, request } = context;
  const siteTitle = i18n.t('site.title', { org: brand.name });
  const origin = `${request.scheme}://${request.host}`;
  const section = route.split('/')[0] ?? '';
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteTitle ? siteTitle : `${title} · ${siteTitle}`}</title>
        {brand.tagline ? <meta name="description" content={brand.tagline} /> : null}
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {brand.fontId === 'system' ? null : (
          <link rel="stylesheet" href={assetUrl(`font-${brand.fontId}.css`)} />
        )}
        {/* Fetched with the stylesheets rather than after them, so they are in time for the first paint
            (their faces are `font-display: optional`, web/build.ts). A font is fetched in CORS mode. */}
        {fontFiles(brand.fontId).map((file) => (
          <link
            key={file}
            rel="preload"
            as="font"
            type="font/woff2"
            href={assetUrl(file)}
            crossorigin="anonymous"
          />
        ))}
        {/* Without a brand favicon, an empty one: browsers would otherwise ask for /favicon.ico on every visit. */}
        <link rel="icon" href={brand.faviconUrl ?? 'data:,'} />
        {brand.languages.map((other) => (
          <link key={other} rel="alternate" hreflang={other} href={`${origin}${href(other, route)}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${origin}/${route}`} />
        <style nonce={nonce}>{`:root{--brand:${brand.primary};--brand-text:${brand.primaryText}}`}</style>
        <script src={assetUrl('site.js')} nonce={nonce} defer />
      </head>
      <body data-pow-worker={assetUrl('pow-worker.js')}>
        <a class="skip" href="#main">
          {i18n.t('site.skip')}
        </a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href={href(language, '')}>
              {brand.logoUrl ? (
                <img
                  src={brand.logoUrl}
                  alt={i18n.t('site.logo', { org: brand.name })}
                  // The intrinsic size gives the box its aspect ratio before the image arrives: no layout shift.
                  width={brand.logoSize?.width}
                  height={brand.logoSize?.height}
                />
              ) : null}
              <span>{siteTitle}</span>
            </a>
            <nav class="languages" aria-label={i18n.t('nav.languages')}>
              <ul>
                {brand.languages.map((other) => (
                  <li key={other}>
                    <a
                      href={href(other, route)}
                      hreflang={other}
                      lang={other}
                      aria-current={other === language ? 'true' : undefined}
                    >
                      {LANGUAGE_NAMES[other]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav class="main wrap" aria-label={i18n.t('nav.label')}>
            <ul>
              {NAV.map((item) => (
                <li key={item.route}>
                  <a
                    href={href(language, item.route)}
                    aria-current={item.route === section ? 'page' : undefined}
                  >
                    {i18n.t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site">
          <div class="wrap">
            {brand.securityContact ? (
              <p>
                <a href={`mailto:${brand.securityContact}`}>
                  {i18n.t('footer.contact', { email: brand.securityContact })}
                </a>
              </p>
            ) : null}
            {brand.privacyPolicyUrl ? (
              <p>
                <a href={brand.privacyPolicyUrl}>{i18n.t('footer.privacy')}</a>
              </p>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  );
}
