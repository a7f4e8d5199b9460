/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { searchKnowledgeBase } from '#services/site/content';
import type { SitePage } from '#services/site/page';
import { href } from '#services/site/page-context';

const MAX_QUERY = 200;

/**
 * The knowledge-base search: a GET form whose results are rendered on the server (`?q=`), typo tolerant;
 * with script on, web/site.ts swaps in the results of this same page as the visitor types.
 */
export const searchPage: SitePage = {
  route: 'search',
  async GET(context) {
    const { i18n, language, tenantId, request } = context;
    const query = (request.query.get('q') ?? '').trim().slice(0, MAX_QUERY);
    const hits = query ? await searchKnowledgeBase(tenantId, language, query) : null;
    return {
      title: i18n.t('search.heading'),
      body: (
        <>
          <h1>{i18n.t('search.heading')}</h1>
          <search>
            <form method="get" action={href(language, 'search')} class="stack">
              <div>
                <label for="q">{i18n.t('search.label')}</label>
                <input
                  type="search"
                  id="q"
                  name="q"
                  value={query}
                  maxLength={MAX_QUERY}
                  autocomplete="off"
                  data-live-search="results"
                  aria-describedby="search-prompt"
                />
                <p class="hint" id="search-prompt">
                  {i18n.t('search.prompt')}
                </p>
              </div>
              <div>
                <button type="submit">{i18n.t('search.button')}</button>
              </div>
            </form>
          </search>
          <section id="results" aria-live="polite">
            {hits ? (
              <>
                <p>{i18n.t('search.results', { count: hits.total, query })}</p>
                {hits.results.map((hit) => (
                  <article class="card" key={hit.id}>
                    <h2>{hit.question}</h2>
                    <p>{hit.answer}</p>
                  </article>
                ))}
              </>
            ) : null}
          </section>
        </>
      ),
    };
  },
};
