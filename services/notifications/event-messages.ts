import type { EmailLanguage, EmailTemplateName } from '#services/notifications/templates';
import { config } from '#shared/config';
import type { DomainEvent } from '#shared/events/envelope';
import { toSingleLine } from '#shared/http/text-fields';

/** What a notification says about one event: the email template and its data, and facts for chat cards. */
export interface EventMessage {
  template: EmailTemplateName;
  data: Record<string, unknown>;
  facts: { name: string; value: string }[];
}

type Data = Record<string, unknown>;
const record = (value: unknown): Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
const text = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

const EVENT_TITLE: Record<EmailLanguage, (type: string) => string> = {
  en: (type) => `New event: ${type}`,
  de: (type) => `Neues Ereignis: ${type}`,
  fr: (type) => `Nouvel événement : ${type}`,
};

// Defence in depth: events carry no secrets by contract, and a notification never repeats one that slipped in.
const SECRET_KEY = /token|secret|password|hash|signature|credential/i;
const MAX_FACTS = 12;
const MAX_VALUE = 200;

/**
 * The event's data as a short list of facts (`access_request.name: Jane`): primitive values two levels
 * deep, secrets left out, long values cut.
 */
export function factsOf(data: unknown): { name: string; value: string }[] {
  const facts: { name: string; value: string }[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (facts.length >= MAX_FACTS) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (depth >= 2) return;
      for (const [key, inner] of Object.entries(value as Data)) {
        if (SECRET_KEY.test(key)) continue;
        walk(inner, path ? `${path}.${key}` : key, depth + 1);
      }
      return;
    }
    if (value === null || value === undefined) return;
    const shown = Array.isArray(value) ? value.map(text).join(', ') : text(value);
    if (shown === '') return;
    facts.push({
      name: path || 'value',
      value: shown.length > MAX_VALUE ? `${shown.slice(0, MAX_VALUE)}…` : shown,
    });
  };
  walk(data, '', 0);
  return facts;
}

/** `2027-01-05T…` as the language writes a date ("January 5, 2027", "5. Januar 2027"); UTC. */
function calendarDate(iso: string, language: EmailLanguage): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** `2026-11` as the language names a month ("November 2026", "novembre 2026"). */
function calendarMonth(month: string, language: EmailLanguage): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? month
    : new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Days from now in words, plural rules included ("tomorrow", "in 7 days", "in 7 Tagen", "dans 7 jours"). */
function inDays(days: number, language: EmailLanguage): string {
  return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(
    Number.isFinite(days) ? days : 0,
    'day',
  );
}

/** Maps an event onto the template that speaks of it, or onto the generic one. */
export function messageFor(event: DomainEvent, language: EmailLanguage): EventMessage {
  const data = record(event.data);
  const facts = factsOf(event.data);
  if (event.type === 'access_request.submitted') {
    const request = record(data.access_request);
    const documents = Array.isArray(request.document_ids) ? request.document_ids.length : 0;
    return {
      template: 'access-request-received',
      facts,
      data: {
        requester_name: text(request.name),
        requester_email: text(request.email),
        company: text(request.company),
        documents: `${documents} document${documents === 1 ? '' : 's'}`,
        review_url: `${config.publicUrl}/api/v1/access-requests/${text(request.id)}`,
      },
    };
  }
  if (event.type === 'certification.expiring') {
    const certification = record(data.certification);
    return {
      template: 'certification-expiring',
      facts,
      data: {
        framework: text(certification.framework),
        issuer: text(certification.issuer),
        expires_at: text(data.expires_at ?? certification.expires_at),
        days_until_expiry: text(data.days_until_expiry),
      },
    };
  }
  if (event.type === 'api_key.expiring') {
    const key = record(data.api_key);
    return {
      template: 'api-key-expiring',
      facts,
      data: {
        key_name: text(key.name),
        key_prefix: text(key.prefix),
        expires_at: calendarDate(text(key.expires_at), language),
        in_days: inDays(Number(data.days_left), language),
      },
    };
  }
  if (event.type === 'api_quota.threshold_reached') {
    const numbers = new Intl.NumberFormat(language);
    return {
      template: 'api-quota-threshold',
      facts,
      data: {
        is_api_key: data.subject === 'api_key',
        api_key_id: text(data.api_key_id),
        used: numbers.format(Number(data.used)),
        limit: numbers.format(Number(data.limit)),
        plan: text(data.plan),
        month: calendarMonth(text(data.month), language),
        percent: text(data.percent),
        at_limit: Number(data.percent) >= 100,
      },
    };
  }
  if (event.type === 'webhook.disabled') {
    const webhook = record(data.webhook);
    return {
      template: 'webhook-disabled',
      facts,
      data: { endpoint_url: text(webhook.url), failing_since: text(data.failing_since) },
    };
  }
  return {
    template: 'event-notification',
    facts,
    data: {
      title: EVENT_TITLE[language](event.type),
      facts,
      event_type: event.type,
      event_id: event.id,
      occurred_at: event.occurred_at,
    },
  };
}

/** Fills `{{name}}` placeholders (subjects have no blocks), for chat messages that reuse a mail's subject. */
export function renderPlaceholders(template: string, data: Record<string, unknown>): string {
  const rendered = template.replace(/\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/gi, (_match, name: string) =>
    text(data[name]),
  );
  // A subject is one line wherever it is shown.
  return toSingleLine(rendered);
}
