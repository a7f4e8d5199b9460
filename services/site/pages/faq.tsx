/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { overviewOf } from '#services/site/content';
import type { SitePage } from '#services/site/page';

/** The published FAQs, each a disclosure widget that opens without script. */
export const faqPage: SitePage = {
  route: 'faq',
  async GET(context) {
    const { i18n, language, tenantId } = context;
    const { faqs } = await overviewOf(tenantId, language, context.brand);
    return {
      title: i18n.t('faq.heading'),
      body: (
        <>
          <h1>{i18n.t('faq.heading')}</h1>
          {faqs.length === 0 ? <p>{i18n.t('faq.none')}</p> : null}
          {faqs.map((faq) => (
            <details key={faq.id}>
              <summary>{faq.question}</summary>
              <p>{faq.answer}</p>
            </details>
          ))}
        </>
      ),
    };
  },
};
