import { SendEmailCommand } from '@aws-sdk/client-sesv2';
// The organization's name is the brand every mail carries; a member's language picks the template.
import { memberLanguage, organizationExists, organizationName } from '#services/identity/public';
import {
  DEFAULT_EMAIL_LANGUAGE,
  type EmailLanguage,
  type EmailTemplateName,
  emailTemplate,
  sesTemplateName,
} from '#services/notifications/templates';
import { ses } from '#shared/aws/ses';
import { config } from '#shared/config';
import { toSingleLine } from '#shared/http/text-fields';
import { isLanguage } from '#shared/languages';
import { quoteVisitorText } from '#shared/mail/visitor-text';

/** The stage prefixes the SES template names; the local platform's stage is `local`. */
export function templateStage(): string {
  return config.api.stageName ?? 'local';
}

export function isEmailLanguage(value: unknown): value is EmailLanguage {
  return isLanguage(value);
}

/** The name a tenant's mail is signed with: its organization's name. */
export async function brandName(tenantId: string): Promise<string> {
  return (await organizationName(tenantId)) ?? 'Trust Center';
}

export { organizationExists };

/** A member's own language when the address is a member of the tenant who chose one, else the fallback. */
export async function recipientLanguage(
  tenantId: string,
  email: string,
  fallback: EmailLanguage = DEFAULT_EMAIL_LANGUAGE,
): Promise<EmailLanguage> {
  const language = await memberLanguage(tenantId, email);
  return isEmailLanguage(language) ? language : fallback;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** SES renders values raw: HTML parts read this escaped copy of the data (under `html.`). */
export function escapeForHtml(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
  if (Array.isArray(value)) return value.map(escapeForHtml);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeForHtml(inner)]));
  return value;
}

/**
 * The data with every value the subject template places (`{{name}}`) made one line: SES writes the
 * rendered subject into a mail header, where a line break would start a header of the sender's choosing.
 */
function withSingleLineSubjectValues(
  subject: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const placed = [...subject.matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi)].map((match) => match[1] ?? '');
  const flattened = placed.flatMap((name) => {
    const value = data[name];
    return typeof value === 'string' ? [[name, toSingleLine(value)]] : [];
  });
  return { ...data, ...Object.fromEntries(flattened) };
}

export interface TemplatedEmail {
  tenantId: string;
  to: string;
  template: EmailTemplateName;
  language: EmailLanguage;
  /** The template's placeholders; `brand_name` is added here. Never logged. */
  data: Record<string, unknown>;
}

/**
 * The template's data with each of its visitor fields (templates.ts `visitorFields`) quoted, put on one
 * line, capped and de-linked; other values are left as they are. Pure.
 */
export function withVisitorTextQuoted(
  template: EmailTemplateName,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const fields = emailTemplate(template).visitorFields ?? {};
  const quoted = { ...data };
  for (const [field, max] of Object.entries(fields)) {
    const value = data[field];
    quoted[field] = quoteVisitorText(typeof value === 'string' ? value : '', max);
  }
  return quoted;
}

/**
 * Sends one mail from an SES template (`${stage}-trust-center-<template>-<language>`), signed with the
 * tenant's brand name, with visitor text quoted (`withVisitorTextQuoted`). The same templates exist in AWS (infra/constructs/email-templates.ts) and on the
 * local emulator (infra/local/bootstrap.ts), so this code is the same in both.
 */
export async function sendTemplatedEmail(email: TemplatedEmail): Promise<string | undefined> {
  const data = withSingleLineSubjectValues(emailTemplate(email.template).content[email.language].subject, {
    ...withVisitorTextQuoted(email.template, email.data),
    brand_name: await brandName(email.tenantId),
  });
  const result = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: config.senderAddress,
      Destination: { ToAddresses: [email.to] },
      Content: {
        Template: {
          TemplateName: sesTemplateName(templateStage(), email.template, email.language),
          TemplateData: JSON.stringify({ ...data, html: escapeForHtml(data) }),
        },
      },
    }),
  );
  return result.MessageId;
}
