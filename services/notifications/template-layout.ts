import type { Language } from '#shared/languages';

/** One language of an email template: SES's three parts. */
export interface TemplateContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * The frame every template mail shares: the brand's name as a heading, the body, and a footer naming the
 * brand's trust center (never the platform: white-label). HTML parts read escaped data (`html.`).
 */
const layout = (body: string, footer: string) =>
  '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:600px;margin:0 auto">' +
  `<h2 style="margin-bottom:4px">{{html.brand_name}}</h2>${body}` +
  `<p style="color:#7b8794;font-size:12px;margin-top:32px">${footer}</p></body></html>`;

const footer = {
  en: 'Sent by the {{html.brand_name}} trust center.',
  de: 'Gesendet vom Trust Center von {{html.brand_name}}.',
  fr: 'Envoyé par le trust center de {{html.brand_name}}.',
};
const textFooter = {
  en: '\n\n-- \nSent by the {{brand_name}} trust center.',
  de: '\n\n-- \nGesendet vom Trust Center von {{brand_name}}.',
  fr: '\n\n-- \nEnvoyé par le trust center de {{brand_name}}.',
};

/** Builds the three parts of one language from a subject, HTML body and text body. */
export function variant(language: Language, subject: string, html: string, text: string): TemplateContent {
  return { subject, html: layout(html, footer[language]), text: `${text}${textFooter[language]}` };
}
