import { type TemplateContent, variant } from '#services/notifications/template-layout';
import { warningTemplates } from '#services/notifications/warning-templates';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/languages';
/**
 * Every email the platform sends from a template, declared once as data: the CDK construct
 * (infra/constructs/email-templates.ts) makes one `AWS::SES::Template` per template and language, and the
 * local bootstrap creates the same ones on the SES emulator. Placeholders are SES's Handlebars (`{{name}}`,
 * `{{#each list}}`). SES does not escape values, so HTML parts read the escaped copy of the data under
 * `html.` (send.ts builds it) and text parts read the plain values.
 */
export const EMAIL_LANGUAGES = LANGUAGES;
export type EmailLanguage = Language;
export const DEFAULT_EMAIL_LANGUAGE: EmailLanguage = DEFAULT_LANGUAGE;

export type { TemplateContent } from '#services/notifications/template-layout';

export interface EmailTemplate {
  /** kebab-case; the SES template is `${stage}-trust-center-<name>-<language>`. */
  name: string;
  /** Who receives it and when. */
  description: string;
  content: Record<EmailLanguage, TemplateContent>;
  /**
   * Placeholders that carry what a visitor typed into a public form, with the most characters each may
   * show. send.ts replaces them by a quotation (`“…”`, one line, capped, links broken) before rendering, so
   * templates put them bare, never at the opening of a mail, and never as the tenant's words.
   */
  visitorFields?: Readonly<Record<string, number>>;
}

/** Caps for visitor text: shorter in a subject line than in a body. */
const VISITOR_NAME_IN_SUBJECT = 60;
const VISITOR_COMPANY = 80;
const VISITOR_NAME_IN_BODY = 80;

/** The granted documents' titles (in the visitor's language), one per line. */
const DOCUMENT_LIST_HTML = '<ul>{{#each html.documents}}<li>{{this}}</li>{{/each}}</ul>';
const DOCUMENT_LIST_TEXT = '{{#each documents}}- {{this}}\n{{/each}}';

/** SES template names allow 64 characters; the stage takes at most 12 (infra/config.ts). */
export function sesTemplateName(stage: string, template: string, language: EmailLanguage): string {
  return `${stage}-trust-center-${template}-${language}`;
}

const changeListHtml =
  '<ul>{{#each html.changes}}<li><strong>{{name}}</strong>: {{kind}} ({{effective_label}} {{effective_date}})' +
  '{{#if details}}<ul>{{#each details}}<li>{{field}}: {{before}} &rarr; {{after}}</li>{{/each}}</ul>{{/if}}</li>{{/each}}</ul>';
const changeListText =
  '{{#each changes}}- {{name}}: {{kind}} ({{effective_label}} {{effective_date}})\n' +
  '{{#each details}}    {{field}}: {{before}} -> {{after}}\n{{/each}}{{/each}}';

export const emailTemplates: readonly EmailTemplate[] = [
  {
    name: 'access-request-received',
    description: "To the tenant's notification recipients: a visitor asked for access to documents.",
    visitorFields: { requester_name: VISITOR_NAME_IN_SUBJECT, company: VISITOR_COMPANY },
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] New access request (name given: {{requester_name}})',
        '<p>A visitor asked for access to: {{html.documents}}.</p><p>What the form says, unverified: name {{html.requester_name}}, company {{html.company}}, email {{html.requester_email}}.</p><p><a href="{{html.review_url}}">Review the request</a></p>',
        'A visitor asked for access to: {{documents}}.\n\nWhat the form says, unverified: name {{requester_name}}, company {{company}}, email {{requester_email}}.\n\nReview the request: {{review_url}}',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] Neue Zugriffsanfrage (angegebener Name: {{requester_name}})',
        '<p>Ein Besucher bittet um Zugriff auf: {{html.documents}}.</p><p>Angaben im Formular, ungeprüft: Name {{html.requester_name}}, Firma {{html.company}}, E-Mail {{html.requester_email}}.</p><p><a href="{{html.review_url}}">Anfrage prüfen</a></p>',
        'Ein Besucher bittet um Zugriff auf: {{documents}}.\n\nAngaben im Formular, ungeprüft: Name {{requester_name}}, Firma {{company}}, E-Mail {{requester_email}}.\n\nAnfrage prüfen: {{review_url}}',
      ),
      fr: variant(
        'fr',
        "[{{brand_name}}] Nouvelle demande d'accès (nom indiqué : {{requester_name}})",
        '<p>Un visiteur demande l\'accès à : {{html.documents}}.</p><p>Ce qu\'indique le formulaire, non vérifié : nom {{html.requester_name}}, société {{html.company}}, e-mail {{html.requester_email}}.</p><p><a href="{{html.review_url}}">Examiner la demande</a></p>',
        "Un visiteur demande l'accès à : {{documents}}.\n\nCe qu'indique le formulaire, non vérifié : nom {{requester_name}}, société {{company}}, e-mail {{requester_email}}.\n\nExaminer la demande : {{review_url}}",
      ),
    },
  },
  {
    name: 'access-approved',
    description:
      'To a visitor, in the language they used on the site: their access request was approved; carries the single-use link that opens the documents, when it expires and when the access ends, and, last, what the form said.',
    visitorFields: { requester_name: VISITOR_NAME_IN_BODY, company: VISITOR_COMPANY },
    content: {
      en: variant(
        'en',
        'Your access to the {{brand_name}} trust center was approved',
        '<p>Hello,</p><p>your request for documents from {{html.brand_name}}’s trust center was approved. You can download:</p>' +
          DOCUMENT_LIST_HTML +
          '<p><a href="{{html.access_link}}">Open the documents</a></p>' +
          '<p>The link works once, until {{html.link_expires}}; your access ends on {{html.access_expires}}. Do not forward it: it is personal, and the documents are marked with your email.</p>' +
          '<p style="color:#52606d;font-size:13px">This mail answers a request made with this address on {{html.brand_name}}’s trust center. The form said, unverified: name {{html.requester_name}}, company {{html.company}}. If you did not make it, you can ignore this mail.</p>',
        'Hello,\n\nyour request for documents from {{brand_name}}’s trust center was approved. You can download:\n' +
          DOCUMENT_LIST_TEXT +
          '\nOpen this link to download them: {{access_link}}\n\n' +
          'The link works once, until {{link_expires}}; your access ends on {{access_expires}}. Do not forward it: it is personal, and the documents are marked with your email.\n\n' +
          'This mail answers a request made with this address on {{brand_name}}’s trust center. The form said, unverified: name {{requester_name}}, company {{company}}. If you did not make it, you can ignore this mail.',
      ),
      de: variant(
        'de',
        'Ihr Zugriff auf das Trust Center von {{brand_name}} wurde freigegeben',
        '<p>Hallo,</p><p>Ihre Anfrage nach Dokumenten aus dem Trust Center von {{html.brand_name}} wurde freigegeben. Sie können herunterladen:</p>' +
          DOCUMENT_LIST_HTML +
          '<p><a href="{{html.access_link}}">Dokumente öffnen</a></p>' +
          '<p>Der Link funktioniert einmal, bis zum {{html.link_expires}}; Ihr Zugriff endet am {{html.access_expires}}. Bitte leiten Sie ihn nicht weiter: Er ist persönlich, und die Dokumente tragen Ihre E-Mail-Adresse.</p>' +
          '<p style="color:#52606d;font-size:13px">Diese E-Mail beantwortet eine Anfrage, die mit dieser Adresse im Trust Center von {{html.brand_name}} gestellt wurde. Angaben im Formular, ungeprüft: Name {{html.requester_name}}, Firma {{html.company}}. Wenn Sie die Anfrage nicht gestellt haben, können Sie diese E-Mail ignorieren.</p>',
        'Hallo,\n\nIhre Anfrage nach Dokumenten aus dem Trust Center von {{brand_name}} wurde freigegeben. Sie können herunterladen:\n' +
          DOCUMENT_LIST_TEXT +
          '\nÖffnen Sie diesen Link, um sie herunterzuladen: {{access_link}}\n\n' +
          'Der Link funktioniert einmal, bis zum {{link_expires}}; Ihr Zugriff endet am {{access_expires}}. Bitte leiten Sie ihn nicht weiter: Er ist persönlich, und die Dokumente tragen Ihre E-Mail-Adresse.\n\n' +
          'Diese E-Mail beantwortet eine Anfrage, die mit dieser Adresse im Trust Center von {{brand_name}} gestellt wurde. Angaben im Formular, ungeprüft: Name {{requester_name}}, Firma {{company}}. Wenn Sie die Anfrage nicht gestellt haben, können Sie diese E-Mail ignorieren.',
      ),
      fr: variant(
        'fr',
        'Votre accès au trust center de {{brand_name}} a été approuvé',
        '<p>Bonjour,</p><p>votre demande de documents du trust center de {{html.brand_name}} a été approuvée. Vous pouvez télécharger :</p>' +
          DOCUMENT_LIST_HTML +
          '<p><a href="{{html.access_link}}">Ouvrir les documents</a></p>' +
          "<p>Le lien fonctionne une seule fois, jusqu'au {{html.link_expires}} ; votre accès prend fin le {{html.access_expires}}. Ne le transférez pas : il est personnel, et les documents portent votre adresse e-mail.</p>" +
          "<p style=\"color:#52606d;font-size:13px\">Cet e-mail répond à une demande faite avec cette adresse sur le trust center de {{html.brand_name}}. Ce qu'indique le formulaire, non vérifié : nom {{html.requester_name}}, société {{html.company}}. Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail.</p>",
        'Bonjour,\n\nvotre demande de documents du trust center de {{brand_name}} a été approuvée. Vous pouvez télécharger :\n' +
          DOCUMENT_LIST_TEXT +
          '\nOuvrez ce lien pour les télécharger : {{access_link}}\n\n' +
          "Le lien fonctionne une seule fois, jusqu'au {{link_expires}} ; votre accès prend fin le {{access_expires}}. Ne le transférez pas : il est personnel, et les documents portent votre adresse e-mail.\n\n" +
          "Cet e-mail répond à une demande faite avec cette adresse sur le trust center de {{brand_name}}. Ce qu'indique le formulaire, non vérifié : nom {{requester_name}}, société {{company}}. Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail.",
      ),
    },
  },
  {
    name: 'access-rejected',
    description:
      "To a visitor, in the language they used on the site: a reviewer declined their access request (a rule's rejection mails nothing), and, last, what the form said.",
    visitorFields: { requester_name: VISITOR_NAME_IN_BODY, company: VISITOR_COMPANY },
    content: {
      en: variant(
        'en',
        'Your request to the {{brand_name}} trust center',
        '<p>Hello,</p><p>your request for documents from {{html.brand_name}}’s trust center was not approved, so no access was granted. If you think this is a mistake, contact your {{html.brand_name}} representative.</p>' +
          '<p style="color:#52606d;font-size:13px">This mail answers a request made with this address on {{html.brand_name}}’s trust center. The form said, unverified: name {{html.requester_name}}, company {{html.company}}. If you did not make it, you can ignore this mail.</p>',
        'Hello,\n\nyour request for documents from {{brand_name}}’s trust center was not approved, so no access was granted. If you think this is a mistake, contact your {{brand_name}} representative.\n\n' +
          'This mail answers a request made with this address on {{brand_name}}’s trust center. The form said, unverified: name {{requester_name}}, company {{company}}. If you did not make it, you can ignore this mail.',
      ),
      de: variant(
        'de',
        'Ihre Anfrage an das Trust Center von {{brand_name}}',
        '<p>Hallo,</p><p>Ihre Anfrage nach Dokumenten aus dem Trust Center von {{html.brand_name}} wurde nicht freigegeben; es wurde kein Zugriff gewährt. Wenn Sie das für einen Irrtum halten, wenden Sie sich an Ihren Ansprechpartner bei {{html.brand_name}}.</p>' +
          '<p style="color:#52606d;font-size:13px">Diese E-Mail beantwortet eine Anfrage, die mit dieser Adresse im Trust Center von {{html.brand_name}} gestellt wurde. Angaben im Formular, ungeprüft: Name {{html.requester_name}}, Firma {{html.company}}. Wenn Sie die Anfrage nicht gestellt haben, können Sie diese E-Mail ignorieren.</p>',
        'Hallo,\n\nIhre Anfrage nach Dokumenten aus dem Trust Center von {{brand_name}} wurde nicht freigegeben; es wurde kein Zugriff gewährt. Wenn Sie das für einen Irrtum halten, wenden Sie sich an Ihren Ansprechpartner bei {{brand_name}}.\n\n' +
          'Diese E-Mail beantwortet eine Anfrage, die mit dieser Adresse im Trust Center von {{brand_name}} gestellt wurde. Angaben im Formular, ungeprüft: Name {{requester_name}}, Firma {{company}}. Wenn Sie die Anfrage nicht gestellt haben, können Sie diese E-Mail ignorieren.',
      ),
      fr: variant(
        'fr',
        'Votre demande au trust center de {{brand_name}}',
        "<p>Bonjour,</p><p>votre demande de documents du trust center de {{html.brand_name}} n'a pas été approuvée ; aucun accès n'a été accordé. Si vous pensez qu'il s'agit d'une erreur, contactez votre interlocuteur chez {{html.brand_name}}.</p>" +
          "<p style=\"color:#52606d;font-size:13px\">Cet e-mail répond à une demande faite avec cette adresse sur le trust center de {{html.brand_name}}. Ce qu'indique le formulaire, non vérifié : nom {{html.requester_name}}, société {{html.company}}. Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail.</p>",
        "Bonjour,\n\nvotre demande de documents du trust center de {{brand_name}} n'a pas été approuvée ; aucun accès n'a été accordé. Si vous pensez qu'il s'agit d'une erreur, contactez votre interlocuteur chez {{brand_name}}.\n\n" +
          "Cet e-mail répond à une demande faite avec cette adresse sur le trust center de {{brand_name}}. Ce qu'indique le formulaire, non vérifié : nom {{requester_name}}, société {{company}}. Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail.",
      ),
    },
  },
  ...warningTemplates,
  {
    name: 'subprocessor-change-notice',
    description:
      'To confirmed subprocessor subscribers: the batched changes, their effective dates and the objection window.',
    content: {
      en: variant(
        'en',
        '{{brand_name}}: changes to our subprocessors',
        `<p>{{html.brand_name}} is making the following changes to its subprocessors:</p>${changeListHtml}<p>You may object within {{html.objection_window_days}} days, until {{html.objection_deadline}}, by replying to this email.</p><p><a href="{{html.unsubscribe_link}}">Unsubscribe</a> from these notices.</p>`,
        `{{brand_name}} is making the following changes to its subprocessors:\n\n${changeListText}\nYou may object within {{objection_window_days}} days, until {{objection_deadline}}, by replying to this email.\n\nUnsubscribe: {{unsubscribe_link}}\n(or POST /api/v1/public/subprocessors/subscriptions/unsubscribe with {"token": "{{unsubscribe_token}}"})`,
      ),
      de: variant(
        'de',
        '{{brand_name}}: Änderungen bei unseren Unterauftragsverarbeitern',
        `<p>{{html.brand_name}} nimmt folgende Änderungen bei seinen Unterauftragsverarbeitern vor:</p>${changeListHtml}<p>Sie können innerhalb von {{html.objection_window_days}} Tagen, bis zum {{html.objection_deadline}}, widersprechen, indem Sie auf diese E-Mail antworten.</p><p>Diese Benachrichtigungen <a href="{{html.unsubscribe_link}}">abbestellen</a>.</p>`,
        `{{brand_name}} nimmt folgende Änderungen bei seinen Unterauftragsverarbeitern vor:\n\n${changeListText}\nSie können innerhalb von {{objection_window_days}} Tagen, bis zum {{objection_deadline}}, widersprechen, indem Sie auf diese E-Mail antworten.\n\nAbbestellen: {{unsubscribe_link}}\n(oder POST /api/v1/public/subprocessors/subscriptions/unsubscribe mit {"token": "{{unsubscribe_token}}"})`,
      ),
      fr: variant(
        'fr',
        '{{brand_name}} : modifications de nos sous-traitants',
        `<p>{{html.brand_name}} apporte les modifications suivantes à ses sous-traitants :</p>${changeListHtml}<p>Vous pouvez vous y opposer dans un délai de {{html.objection_window_days}} jours, jusqu'au {{html.objection_deadline}}, en répondant à cet e-mail.</p><p><a href="{{html.unsubscribe_link}}">Se désabonner</a> de ces avis.</p>`,
        `{{brand_name}} apporte les modifications suivantes à ses sous-traitants :\n\n${changeListText}\nVous pouvez vous y opposer dans un délai de {{objection_window_days}} jours, jusqu'au {{objection_deadline}}, en répondant à cet e-mail.\n\nSe désabonner : {{unsubscribe_link}}\n(ou POST /api/v1/public/subprocessors/subscriptions/unsubscribe avec {"token": "{{unsubscribe_token}}"})`,
      ),
    },
  },
  {
    name: 'subprocessor-subscription-confirm',
    description: 'To a visitor who subscribed to subprocessor changes: the double opt-in confirmation link.',
    content: {
      en: variant(
        'en',
        'Confirm your subscription to {{brand_name}} subprocessor changes',
        '<p>Please confirm that you want to be told about changes to the subprocessors of {{html.brand_name}}.</p><p><a href="{{html.confirm_link}}">Confirm the subscription</a></p><p>The link expires in {{html.expires_in_hours}} hours. If you did not ask for this, ignore this email.</p>',
        'Please confirm that you want to be told about changes to the subprocessors of {{brand_name}}.\n\nConfirm the subscription: {{confirm_link}}\n(or POST /api/v1/public/subprocessors/subscriptions/confirm with {"token": "{{confirm_token}}"})\n\nThe link expires in {{expires_in_hours}} hours. If you did not ask for this, ignore this email.',
      ),
      de: variant(
        'de',
        'Bestätigen Sie Ihr Abonnement der Unterauftragsverarbeiter-Änderungen von {{brand_name}}',
        '<p>Bitte bestätigen Sie, dass Sie über Änderungen bei den Unterauftragsverarbeitern von {{html.brand_name}} informiert werden möchten.</p><p><a href="{{html.confirm_link}}">Abonnement bestätigen</a></p><p>Der Link ist {{html.expires_in_hours}} Stunden gültig. Falls Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail.</p>',
        'Bitte bestätigen Sie, dass Sie über Änderungen bei den Unterauftragsverarbeitern von {{brand_name}} informiert werden möchten.\n\nAbonnement bestätigen: {{confirm_link}}\n(oder POST /api/v1/public/subprocessors/subscriptions/confirm mit {"token": "{{confirm_token}}"})\n\nDer Link ist {{expires_in_hours}} Stunden gültig. Falls Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail.',
      ),
      fr: variant(
        'fr',
        'Confirmez votre abonnement aux changements de sous-traitants de {{brand_name}}',
        "<p>Veuillez confirmer que vous souhaitez être informé des changements de sous-traitants de {{html.brand_name}}.</p><p><a href=\"{{html.confirm_link}}\">Confirmer l'abonnement</a></p><p>Le lien expire dans {{html.expires_in_hours}} heures. Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.</p>",
        'Veuillez confirmer que vous souhaitez être informé des changements de sous-traitants de {{brand_name}}.\n\nConfirmer l\'abonnement : {{confirm_link}}\n(ou POST /api/v1/public/subprocessors/subscriptions/confirm avec {"token": "{{confirm_token}}"})\n\nLe lien expire dans {{expires_in_hours}} heures. Si vous n\'êtes pas à l\'origine de cette demande, ignorez cet e-mail.',
      ),
    },
  },
  {
    name: 'event-notification',
    description:
      "To the tenant's notification recipients: any event a rule routes to email that has no template of its own.",
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] {{title}}',
        '<p>{{html.title}}</p><ul>{{#each html.facts}}<li>{{name}}: {{value}}</li>{{/each}}</ul><p style="color:#7b8794">Event {{html.event_type}} ({{html.event_id}}) at {{html.occurred_at}}</p>',
        '{{title}}\n\n{{#each facts}}- {{name}}: {{value}}\n{{/each}}\nEvent {{event_type}} ({{event_id}}) at {{occurred_at}}',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] {{title}}',
        '<p>{{html.title}}</p><ul>{{#each html.facts}}<li>{{name}}: {{value}}</li>{{/each}}</ul><p style="color:#7b8794">Ereignis {{html.event_type}} ({{html.event_id}}) am {{html.occurred_at}}</p>',
        '{{title}}\n\n{{#each facts}}- {{name}}: {{value}}\n{{/each}}\nEreignis {{event_type}} ({{event_id}}) am {{occurred_at}}',
      ),
      fr: variant(
        'fr',
        '[{{brand_name}}] {{title}}',
        '<p>{{html.title}}</p><ul>{{#each html.facts}}<li>{{name}} : {{value}}</li>{{/each}}</ul><p style="color:#7b8794">Événement {{html.event_type}} ({{html.event_id}}) le {{html.occurred_at}}</p>',
        '{{title}}\n\n{{#each facts}}- {{name}} : {{value}}\n{{/each}}\nÉvénement {{event_type}} ({{event_id}}) le {{occurred_at}}',
      ),
    },
  },
];

export type EmailTemplateName = (typeof emailTemplates)[number]['name'];

export function emailTemplate(name: string): EmailTemplate {
  const template = emailTemplates.find((candidate) => candidate.name === name);
  if (!template) throw new Error(`No email template named ${name}`);
  return template;
}

/** Words the code puts into template data (change kinds, field names), in each language. */
export const NOTICE_WORDS: Record<EmailLanguage, Record<string, string>> = {
  en: {
    added: 'added',
    updated: 'changed',
    removed: 'removed',
    effective: 'effective',
    name: 'name',
    purpose: 'purpose',
    data_categories: 'data categories',
    location: 'location',
    website: 'website',
    status: 'status',
    none: '(none)',
  },
  de: {
    added: 'hinzugefügt',
    updated: 'geändert',
    removed: 'entfernt',
    effective: 'wirksam ab',
    name: 'Name',
    purpose: 'Zweck',
    data_categories: 'Datenkategorien',
    location: 'Standort',
    website: 'Website',
    status: 'Status',
    none: '(keine)',
  },
  fr: {
    added: 'ajouté',
    updated: 'modifié',
    removed: 'retiré',
    effective: 'en vigueur le',
    name: 'nom',
    purpose: 'finalité',
    data_categories: 'catégories de données',
    location: 'localisation',
    website: 'site web',
    status: 'statut',
    none: '(aucun)',
  },
};
