/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { confirmSubscription, subscribe, subscribeBody, unsubscribe } from '#services/notifications/public';
import { overviewOf } from '#services/site/content';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  fieldErrorsOf,
  fieldErrorsOfIssues,
  firstErrorTarget,
  ProofOfWork,
  proofOfWorkOf,
} from '#services/site/forms.tsx';
import type { MessageId } from '#services/site/messages/en';
import type { PageResult, SitePage } from '#services/site/page';
import { href, type PageContext } from '#services/site/page-context';
import { MAIL_LINK_ROUTES } from '#services/site/site-map';
import { NotFoundError, ValidationError } from '#shared/errors';
import { issueChallenge } from '#shared/http/proof-of-work';

const MESSAGES: Partial<Record<string, MessageId>> = { email: 'error.email', pow: 'error.pow' };
/** The subscription form's one control; its other errors (proof of work, limits) focus the summary. */
const TARGETS = { email: 'email' } as const;

async function renderList(
  context: PageContext,
  form: { values: URLSearchParams; errors: FieldErrors; sent?: boolean },
  status = 200,
): Promise<PageResult> {
  const { i18n, language, tenantId, request } = context;
  const [{ subprocessors }, challenge] = await Promise.all([
    overviewOf(tenantId, language, context.brand),
    issueChallenge(tenantId, 'subprocessor-subscription'),
  ]);
  const country = request.query.get('country') ?? '';
  const category = request.query.get('category') ?? '';
  const countries = [...new Set(subprocessors.map((item) => item.location))].sort((a, b) =>
    i18n.country(a).localeCompare(i18n.country(b), language),
  );
  const categories = [...new Set(subprocessors.flatMap((item) => item.data_categories))].sort((a, b) =>
    a.localeCompare(b, language),
  );
  const shown = subprocessors.filter(
    (item) =>
      (!country || item.location === country) && (!category || item.data_categories.includes(category)),
  );
  return {
    status,
    title: i18n.t('subprocessors.heading'),
    body: (
      <>
        <h1>{i18n.t('subprocessors.heading')}</h1>
        <p class="lead">{i18n.t('subprocessors.intro')}</p>
        <form method="get" action={href(language, 'subprocessors')} class="filters">
          <div>
            <label for="country">{i18n.t('subprocessors.country')}</label>
            <select id="country" name="country">
              <option value="">{i18n.t('subprocessors.all')}</option>
              {countries.map((code) => (
                <option key={code} value={code} selected={code === country}>
                  {i18n.country(code)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="category">{i18n.t('subprocessors.category')}</label>
            <select id="category" name="category">
              <option value="">{i18n.t('subprocessors.all')}</option>
              {categories.map((name) => (
                <option key={name} value={name} selected={name === category}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{i18n.t('subprocessors.filter')}</button>
          </div>
        </form>
        <p role="status">{i18n.t('subprocessors.count', { count: shown.length })}</p>
        {shown.length === 0 ? (
          <p>{i18n.t('subprocessors.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{i18n.t('subprocessors.name')}</th>
                <th scope="col">{i18n.t('subprocessors.purpose')}</th>
                <th scope="col">{i18n.t('subprocessors.location')}</th>
                <th scope="col">{i18n.t('subprocessors.categories')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.website ? <a href={item.website}>{item.name}</a> : item.name}</th>
                  <td>{item.purpose}</td>
                  <td>{i18n.country(item.location)}</td>
                  <td>{item.data_categories.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2 id="subscribe">{i18n.t('subscribe.heading')}</h2>
        <p>{i18n.t('subscribe.intro')}</p>
        {form.sent ? (
          <p class="notice" role="status">
            {i18n.t('subscribe.sent')}
          </p>
        ) : (
          <form
            method="post"
            action={href(language, 'subprocessors/subscribe')}
            class="stack"
            data-pow-challenge={challenge.challenge}
            data-pow-difficulty={String(challenge.difficulty)}
            novalidate
          >
            <ErrorSummary errors={form.errors} i18n={i18n} targets={TARGETS} />
            <Field name="email" label={i18n.t('subscribe.email')} errors={form.errors}>
              {(describedBy, invalid) => (
                <input
                  type="email"
                  id="email"
                  name="email"
                  required
                  autocomplete="email"
                  autofocus={firstErrorTarget(form.errors, TARGETS) === 'email'}
                  value={form.values.get('email') ?? ''}
                  aria-describedby={describedBy}
                  aria-invalid={invalid ? 'true' : undefined}
                />
              )}
            </Field>
            <ProofOfWork challenge={challenge} i18n={i18n} error={form.errors.pow} />
            <div>
              <button type="submit">{i18n.t('subscribe.submit')}</button>
            </div>
          </form>
        )}
      </>
    ),
  };
}

/** The subprocessors, filtered by country and data category (a GET form), and the subscription form. */
export const subprocessorsPage: SitePage = {
  route: 'subprocessors',
  GET: (context) =>
    renderList(context, {
      values: new URLSearchParams(),
      errors: {},
      sent: context.request.query.get('subscribed') === '1',
    }),
};

/** Subscribing to change notices: double opt-in, the confirmation mailed in the page's language. */
export const subscribePage: SitePage = {
  route: 'subprocessors/subscribe',
  async POST(context) {
    const { request, tenantId, language, i18n } = context;
    const parsed = subscribeBody.safeParse({
      email: request.form.get('email') ?? '',
      org_id: tenantId,
      language,
      pow: proofOfWorkOf(request.form),
    });
    if (!parsed.success) {
      return renderList(
        context,
        { values: request.form, errors: fieldErrorsOfIssues(parsed.error.issues, i18n, MESSAGES) },
        400,
      );
    }
    try {
      await subscribe(parsed.data, { ip: request.sourceIp, userAgent: request.userAgent });
    } catch (error) {
      return renderList(context, { values: request.form, errors: fieldErrorsOf(error, i18n, MESSAGES) }, 400);
    }
    return { redirect: `${href(language, 'subprocessors', { subscribed: '1' })}#subscribe` };
  },
};

/** A subscription link's landing: GET shows a button (mail scanners open links), POST acts. */
function tokenPage(
  route: string,
  heading: MessageId,
  button: MessageId,
  done: MessageId,
  act: (token: string, source: { ip: string; userAgent?: string }) => Promise<void>,
): SitePage {
  const page = (context: PageContext, body: preact.ComponentChildren, status = 200): PageResult => ({
    status,
    title: context.i18n.t(heading),
    body: (
      <>
        <h1>{context.i18n.t(heading)}</h1>
        {body}
      </>
    ),
  });
  return {
    route,
    async GET(context) {
      const token = context.request.query.get('token') ?? '';
      return page(
        context,
        <form method="post" action={href(context.language, route)}>
          <input type="hidden" name="token" value={token} />
          <button type="submit">{context.i18n.t(button)}</button>
        </form>,
      );
    },
    async POST(context) {
      const { request, i18n } = context;
      try {
        await act(request.form.get('token') ?? '', { ip: request.sourceIp, userAgent: request.userAgent });
      } catch (error) {
        if (!(error instanceof NotFoundError || error instanceof ValidationError)) throw error;
        return page(
          context,
          <p class="alert" role="alert">
            {i18n.t('subscribe.invalid')}
          </p>,
          400,
        );
      }
      return page(context, <p role="status">{i18n.t(done)}</p>);
    },
  };
}

export const confirmSubscriptionPage = tokenPage(
  MAIL_LINK_ROUTES.confirmSubscription,
  'subscribe.confirm.heading',
  'subscribe.confirm.button',
  'subscribe.confirmed',
  (token, source) => confirmSubscription(token, source),
);

export const unsubscribePage = tokenPage(
  MAIL_LINK_ROUTES.unsubscribe,
  'subscribe.unsubscribe.heading',
  'subscribe.unsubscribe.button',
  'subscribe.unsubscribed',
  (token, source) => unsubscribe(token, source),
);
