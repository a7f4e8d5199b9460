/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import type { Translator } from '#services/site/i18n';
import type { MessageId } from '#services/site/messages/en';
import { type DomainError, RateLimitError, ValidationError } from '#shared/errors';
import type { Challenge } from '#shared/http/proof-of-work';

/** Field name → the message shown next to it. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A labelled field with its error beside it: the input is `aria-invalid` and described by the error (and
 * by a hint), so a screen reader reads both when the field takes focus.
 */
export function Field(props: {
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const error = props.errors[props.name];
  const ids = [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : ''].filter(Boolean);
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      {props.children(ids.length > 0 ? ids.join(' ') : undefined, Boolean(error))}
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The controls a form's errors send the visitor to, in the form's order: field name → the id of the
 * control to fix (the first checkbox of a group). Errors of no control (the proof of work, a rate limit)
 * send the visitor to the summary.
 */
export type ErrorTargets = Readonly<Record<string, string>>;

const ERROR_SUMMARY_ID = 'error-summary';

/**
 * The id of the control that takes focus when a refused form comes back: the first field in the form's
 * order with an error (WCAG 3.3.1), or the summary's (`error-summary`) when no field has one. Rendered as
 * `autofocus`, so it works without script too. Undefined for a form without errors.
 */
export function firstErrorTarget(errors: FieldErrors, targets: ErrorTargets): string | undefined {
  if (Object.keys(errors).length === 0) return undefined;
  for (const [field, id] of Object.entries(targets)) if (errors[field]) return id;
  return ERROR_SUMMARY_ID;
}

/**
 * The summary above a refused form: how many fields need attention and each error as a link to its
 * control. It takes focus itself only when no field has an error (firstErrorTarget).
 */
export function ErrorSummary({
  errors,
  i18n,
  targets,
}: {
  errors: FieldErrors;
  i18n: Translator;
  targets: ErrorTargets;
}) {
  const fields = Object.entries(errors).filter(([field]) => field !== 'form');
  if (fields.length === 0 && !errors.form) return null;
  const focus = firstErrorTarget(errors, targets) === ERROR_SUMMARY_ID;
  return (
    <div class="alert" role="alert" id={ERROR_SUMMARY_ID} tabIndex={-1} autofocus={focus}>
      <p>{errors.form ?? i18n.t('request.errors', { count: fields.length })}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>{targets[field] ? <a href={`#${targets[field]}`}>{message}</a> : message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The proof of work of a public form: the signed challenge in a hidden field, the nonce web/site.ts finds
 * in a Web Worker, and the progress it shows. Without script the panel stays hidden and a note says why
 * the form cannot be sent.
 */
export function ProofOfWork({
  challenge,
  i18n,
  error,
}: {
  challenge: Challenge;
  i18n: Translator;
  error?: string;
}) {
  return (
    <div>
      <input type="hidden" name="pow_challenge" value={challenge.challenge} />
      <input type="hidden" name="pow_nonce" value="" />
      <div data-pow-panel hidden>
        <label for="pow-progress">{i18n.t('request.pow.label')}</label>
        <progress id="pow-progress" data-pow-progress max={1} value={0} aria-describedby="pow-status" />
        <p
          id="pow-status"
          class="hint"
          role="status"
          data-pow-status
          data-waiting={i18n.t('request.pow.waiting')}
          data-done={i18n.t('request.pow.done')}
        >
          {i18n.t('request.pow.working')}
        </p>
      </div>
      <p class="notice" data-no-js>
        {i18n.t('request.pow.noscript')}
      </p>
      {error ? (
        <p class="error" id="pow-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The proof of work a form sent, in the shape the use cases take. */
export function proofOfWorkOf(form: URLSearchParams): { challenge: string; nonce: string } {
  return { challenge: form.get('pow_challenge') ?? '', nonce: form.get('pow_nonce') ?? '' };
}

/**
 * The visitor's words for a form the API's own schema refuses: one message per field, the first issue's.
 * The form's field names are the API's, so each issue's first path segment is a field.
 */
export function fieldErrorsOfIssues(
  issues: readonly { path: readonly PropertyKey[] }[],
  i18n: Translator,
  messages: Partial<Record<string, MessageId>>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= i18n.t(messages[field] ?? 'error.generic');
  }
  return errors;
}

/**
 * The visitor's words for a use case's refusal: a validation error names its field (the form's field
 * names are the API's), a rate limit says when to come back. Anything else is not the visitor's to fix
 * and is thrown on.
 */
export function fieldErrorsOf(
  error: unknown,
  i18n: Translator,
  messages: Partial<Record<string, MessageId>>,
): FieldErrors {
  if (error instanceof RateLimitError) {
    return {
      form: i18n.t('error.rateLimited', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }),
    };
  }
  if (error instanceof ValidationError) {
    const param = (error as DomainError).param?.split('.')[0] ?? 'form';
    const message = messages[param];
    return { [param]: message ? i18n.t(message) : i18n.t('error.generic') };
  }
  throw error;
}
