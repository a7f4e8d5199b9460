/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { submitAccessRequest, submitAccessRequestBody } from '#services/access-requests/public';
import { type Overview, overviewOf, type SiteDocument } from '#services/site/content';
import {
  ErrorSummary,
  type ErrorTargets,
  Field,
  type FieldErrors,
  fieldErrorsOf,
  fieldErrorsOfIssues,
  firstErrorTarget,
  ProofOfWork,
  proofOfWorkOf,
} from '#services/site/forms.tsx';
import type { MessageId } from '#services/site/messages/en';
import type { SitePage } from '#services/site/page';
import { href, type PageContext } from '#services/site/page-context';
import { type Challenge, issueChallenge } from '#shared/http/proof-of-work';

/** The visitor's words for each field the API may refuse (its params are the form's names). */
const MESSAGES: Partial<Record<string, MessageId>> = {
  name: 'error.required',
  email: 'error.email',
  company: 'error.required',
  document_ids: 'error.documents',
  nda_accepted: 'error.nda',
  nda_version: 'error.nda',
  pow: 'error.pow',
  message: 'error.required',
};

interface RequestForm {
  values: URLSearchParams;
  errors: FieldErrors;
}

function RequestAccessForm(props: {
  context: PageContext;
  documents: SiteDocument[];
  nda: Overview['nda'];
  challenge: Challenge;
  form: RequestForm;
}) {
  const { context, documents, nda, challenge } = props;
  const { i18n, language } = context;
  const { values, errors } = props.form;
  const chosen = new Set([...values.getAll('document_ids'), ...values.getAll('document')]);
  const checkboxId = (documentId: string) => `document-${documentId}`;
  // The form's controls in their order: a refused form sends focus to the first one with an error.
  const targets: ErrorTargets = {
    name: 'name',
    email: 'email',
    company: 'company',
    ...(documents[0] ? { document_ids: checkboxId(documents[0].id) } : {}),
    nda_accepted: 'nda_accepted',
    nda_version: 'nda_accepted',
    message: 'message',
  };
  const focus = firstErrorTarget(errors, targets);
  const text = (name: string, label: MessageId, type: 'text' | 'email', autocomplete: string) => (
    <Field name={name} label={i18n.t(label)} errors={errors}>
      {(describedBy, invalid) => (
        <input
          type={type as 'text'}
          id={name}
          name={name}
          value={values.get(name) ?? ''}
          required
          autocomplete={autocomplete}
          autofocus={focus === name}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Field>
  );
  return (
    <form
      method="post"
      action={href(language, 'request')}
      class="stack"
      data-pow-challenge={challenge.challenge}
      data-pow-difficulty={String(challenge.difficulty)}
      novalidate
    >
      <ErrorSummary errors={errors} i18n={i18n} targets={targets} />
      {text('name', 'request.name', 'text', 'name')}
      {text('email', 'request.email', 'email', 'email')}
      {text('company', 'request.company', 'text', 'organization')}
      <fieldset>
        <legend>{i18n.t('request.documents')}</legend>
        {documents.map((document) => (
          <label class="check" key={document.id}>
            <input
              type="checkbox"
              id={checkboxId(document.id)}
              name="document_ids"
              value={document.id}
              checked={chosen.has(document.id)}
              autofocus={focus === checkboxId(document.id)}
              aria-describedby={errors.document_ids ? 'document_ids-error' : undefined}
              aria-invalid={errors.document_ids ? 'true' : undefined}
            />
            <span>
              {document.title}{' '}
              <span class={`badge ${document.access_level}`}>
                {i18n.t(`documents.access.${document.access_level}`)}
              </span>
            </span>
          </label>
        ))}
        {errors.document_ids ? (
          <p class="error" id="document_ids-error">
            {errors.document_ids}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{i18n.t('request.nda.heading')}</legend>
        <input type="hidden" name="nda_version" value={String(nda.version)} />
        <details class="nda" open lang={nda.language}>
          <summary>{i18n.t('request.nda.read')}</summary>
          <div class="nda-text">{nda.body}</div>
        </details>
        <label class="check">
          <input
            type="checkbox"
            id="nda_accepted"
            name="nda_accepted"
            value="true"
            checked={values.get('nda_accepted') === 'true'}
            autofocus={focus === 'nda_accepted'}
            aria-describedby={errors.nda_accepted ? 'nda-hint nda_accepted-error' : 'nda-hint'}
            aria-invalid={errors.nda_accepted ? 'true' : undefined}
          />
          <span>{i18n.t('request.nda.accept')}</span>
        </label>
        <p class="hint" id="nda-hint">
          {i18n.t('request.nda.hint')}
        </p>
        {errors.nda_accepted ? (
          <p class="error" id="nda_accepted-error">
            {errors.nda_accepted}
          </p>
        ) : null}
      </fieldset>
      <Field name="message" label={i18n.t('request.message')} errors={errors}>
        {(describedBy, invalid) => (
          <textarea
            id="message"
            name="message"
            rows={4}
            maxLength={2000}
            autofocus={focus === 'message'}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          >
            {values.get('message') ?? ''}
          </textarea>
        )}
      </Field>
      <div class="honeypot" aria-hidden="true">
        <label for="website">{i18n.t('request.website')}</label>
        <input type="text" id="website" name="website" tabIndex={-1} autocomplete="off" value="" />
      </div>
      <ProofOfWork challenge={challenge} i18n={i18n} error={errors.pow} />
      <div>
        <button type="submit">{i18n.t('request.submit')}</button>
      </div>
    </form>
  );
}

async function renderForm(context: PageContext, form: RequestForm, status = 200) {
  const { i18n, language, tenantId } = context;
  const [overview, challenge] = await Promise.all([
    overviewOf(tenantId, language, context.brand),
    issueChallenge(tenantId, 'access-request'),
  ]);
  const requestable = overview.documents.filter((document) => document.access_level !== 'public');
  return {
    status,
    title: i18n.t('request.heading'),
    body: (
      <>
        <h1>{i18n.t('request.heading')}</h1>
        <p class="lead">{i18n.t('request.intro')}</p>
        {requestable.length === 0 ? (
          <p>{i18n.t('request.none')}</p>
        ) : (
          <RequestAccessForm
            context={context}
            documents={requestable}
            nda={overview.nda}
            challenge={challenge}
            form={form}
          />
        )}
      </>
    ),
  };
}

/**
 * The access request: name, email, company, the documents, the NDA's text with its click-through, a
 * message; a honeypot; the proof of work solved in the browser. Refusals come back next to their fields.
 */
export const requestPage: SitePage = {
  route: 'request',
  GET: (context) => renderForm(context, { values: context.request.query, errors: {} }),
  async POST(context) {
    const { request, tenantId, i18n, language } = context;
    const form = request.form;
    const ndaVersion = form.get('nda_version') ?? '';
    const parsed = submitAccessRequestBody.safeParse({
      org_id: tenantId,
      name: form.get('name') ?? '',
      email: form.get('email') ?? '',
      company: form.get('company') ?? '',
      document_ids: form.getAll('document_ids'),
      nda_accepted: form.get('nda_accepted') === 'true',
      ...(ndaVersion ? { nda_version: /^\d+$/.test(ndaVersion) ? Number(ndaVersion) : ndaVersion } : {}),
      ...(form.get('message') ? { message: form.get('message') } : {}),
      // The mails about the request (the magic link, a rejection) follow the page's language.
      language,
      ...(form.get('website') ? { website: form.get('website') } : {}),
      pow: proofOfWorkOf(form),
    });
    if (!parsed.success) {
      return renderForm(
        context,
        { values: form, errors: fieldErrorsOfIssues(parsed.error.issues, i18n, MESSAGES) },
        400,
      );
    }
    try {
      const submitted = await submitAccessRequest(parsed.data, {
        ip: request.sourceIp,
        userAgent: request.userAgent,
      });
      const status = submitted.review_status === 'approved' ? 'approved' : 'pending';
      return { redirect: href(language, 'request/sent', { status }) };
    } catch (error) {
      return renderForm(context, { values: form, errors: fieldErrorsOf(error, i18n, MESSAGES) }, 400);
    }
  },
};

/** The confirmation after a request: under review, or approved at once by the tenant's rules. */
export const requestSentPage: SitePage = {
  route: 'request/sent',
  async GET(context) {
    const { i18n, request } = context;
    return {
      title: i18n.t('sent.heading'),
      body: (
        <>
          <h1>{i18n.t('sent.heading')}</h1>
          <p class="lead" role="status">
            {i18n.t(request.query.get('status') === 'approved' ? 'sent.approved' : 'sent.pending')}
          </p>
        </>
      ),
    };
  },
};
