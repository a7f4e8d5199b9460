import { variant } from '#services/notifications/template-layout';
import type { EmailTemplate } from '#services/notifications/templates';

/**
 * The warnings a tenant's notification recipients get (notification rules route the events): a
 * certification, an API key or the monthly API quota running out, a webhook endpoint disabled. Each speaks
 * of its event in the recipients' language; event-messages.ts maps the event's data onto the placeholders.
 */
export const warningTemplates: readonly EmailTemplate[] = [
  {
    name: 'certification-expiring',
    description: "To the tenant's notification recipients: a certification expires soon.",
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] {{framework}} expires on {{expires_at}}',
        '<p>The {{html.framework}} certification (issued by {{html.issuer}}) expires on {{html.expires_at}}, in {{html.days_until_expiry}} days.</p>',
        'The {{framework}} certification (issued by {{issuer}}) expires on {{expires_at}}, in {{days_until_expiry}} days.',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] {{framework}} läuft am {{expires_at}} ab',
        '<p>Die Zertifizierung {{html.framework}} (ausgestellt von {{html.issuer}}) läuft am {{html.expires_at}} ab, in {{html.days_until_expiry}} Tagen.</p>',
        'Die Zertifizierung {{framework}} (ausgestellt von {{issuer}}) läuft am {{expires_at}} ab, in {{days_until_expiry}} Tagen.',
      ),
      fr: variant(
        'fr',
        '[{{brand_name}}] {{framework}} expire le {{expires_at}}',
        '<p>La certification {{html.framework}} (délivrée par {{html.issuer}}) expire le {{html.expires_at}}, dans {{html.days_until_expiry}} jours.</p>',
        'La certification {{framework}} (délivrée par {{issuer}}) expire le {{expires_at}}, dans {{days_until_expiry}} jours.',
      ),
    },
  },
  {
    name: 'webhook-disabled',
    description:
      "To the tenant's notification recipients: a webhook endpoint failed for too long and was disabled.",
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] Webhook endpoint disabled',
        '<p>The webhook endpoint {{html.endpoint_url}} was disabled after failing since {{html.failing_since}}. Fix the receiver, then enable it again.</p>',
        'The webhook endpoint {{endpoint_url}} was disabled after failing since {{failing_since}}. Fix the receiver, then enable it again.',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] Webhook-Endpunkt deaktiviert',
        '<p>Der Webhook-Endpunkt {{html.endpoint_url}} wurde deaktiviert, da er seit {{html.failing_since}} fehlschlägt. Beheben Sie den Empfänger und aktivieren Sie ihn wieder.</p>',
        'Der Webhook-Endpunkt {{endpoint_url}} wurde deaktiviert, da er seit {{failing_since}} fehlschlägt. Beheben Sie den Empfänger und aktivieren Sie ihn wieder.',
      ),
      fr: variant(
        'fr',
        '[{{brand_name}}] Point de terminaison webhook désactivé',
        '<p>Le point de terminaison webhook {{html.endpoint_url}} a été désactivé après des échecs depuis {{html.failing_since}}. Corrigez le récepteur, puis réactivez-le.</p>',
        'Le point de terminaison webhook {{endpoint_url}} a été désactivé après des échecs depuis {{failing_since}}. Corrigez le récepteur, puis réactivez-le.',
      ),
    },
  },
  {
    name: 'api-key-expiring',
    description:
      "To the tenant's notification recipients: an API key expires in 30, 7 or 1 days (api_key.expiring).",
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] API key {{key_name}} expires {{in_days}}',
        '<p>The API key {{html.key_name}} ({{html.key_prefix}}…) expires on {{html.expires_at}}, {{html.in_days}}.</p><p>Create a new key and move the integrations that use this one to it before then: once it has expired, every call made with it is refused.</p>',
        'The API key {{key_name}} ({{key_prefix}}…) expires on {{expires_at}}, {{in_days}}.\n\nCreate a new key and move the integrations that use this one to it before then: once it has expired, every call made with it is refused.',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] API-Schlüssel {{key_name}} läuft {{in_days}} ab',
        '<p>Der API-Schlüssel {{html.key_name}} ({{html.key_prefix}}…) läuft am {{html.expires_at}} ab, {{html.in_days}}.</p><p>Erstellen Sie vorher einen neuen Schlüssel und stellen Sie die Integrationen, die diesen verwenden, darauf um: Nach dem Ablauf wird jeder Aufruf mit ihm abgelehnt.</p>',
        'Der API-Schlüssel {{key_name}} ({{key_prefix}}…) läuft am {{expires_at}} ab, {{in_days}}.\n\nErstellen Sie vorher einen neuen Schlüssel und stellen Sie die Integrationen, die diesen verwenden, darauf um: Nach dem Ablauf wird jeder Aufruf mit ihm abgelehnt.',
      ),
      fr: variant(
        'fr',
        '[{{brand_name}}] La clé d’API {{key_name}} expire {{in_days}}',
        '<p>La clé d’API {{html.key_name}} ({{html.key_prefix}}…) expire le {{html.expires_at}}, {{html.in_days}}.</p><p>Créez une nouvelle clé et faites-y passer les intégrations qui utilisent celle-ci avant cette date : une fois expirée, tout appel fait avec elle est refusé.</p>',
        'La clé d’API {{key_name}} ({{key_prefix}}…) expire le {{expires_at}}, {{in_days}}.\n\nCréez une nouvelle clé et faites-y passer les intégrations qui utilisent celle-ci avant cette date : une fois expirée, tout appel fait avec elle est refusé.',
      ),
    },
  },
  {
    name: 'api-quota-threshold',
    description:
      "To the tenant's notification recipients: the organization, or one API key, used 80 % or 100 % of the plan's monthly API quota (api_quota.threshold_reached).",
    content: {
      en: variant(
        'en',
        '[{{brand_name}}] {{percent}}% of the monthly API quota used',
        '<p>{{#if is_api_key}}The API key {{html.api_key_id}} has{{else}}Your organization has{{/if}} made {{html.used}} of the {{html.limit}} API requests the {{html.plan}} plan allows in {{html.month}} ({{html.percent}}%).</p><p>{{#if at_limit}}Further requests are refused (HTTP 429) until the quota starts again on the first day of next month (UTC). Upgrade the plan to go on now.{{else}}At 100%, further requests are refused until next month. Upgrade the plan if you need more.{{/if}}</p>',
        '{{#if is_api_key}}The API key {{api_key_id}} has{{else}}Your organization has{{/if}} made {{used}} of the {{limit}} API requests the {{plan}} plan allows in {{month}} ({{percent}}%).\n\n{{#if at_limit}}Further requests are refused (HTTP 429) until the quota starts again on the first day of next month (UTC). Upgrade the plan to go on now.{{else}}At 100%, further requests are refused until next month. Upgrade the plan if you need more.{{/if}}',
      ),
      de: variant(
        'de',
        '[{{brand_name}}] {{percent}} % des monatlichen API-Kontingents verbraucht',
        '<p>{{#if is_api_key}}Der API-Schlüssel {{html.api_key_id}} hat{{else}}Ihre Organisation hat{{/if}} im {{html.month}} {{html.used}} der {{html.limit}} API-Anfragen gestellt, die der Tarif {{html.plan}} erlaubt ({{html.percent}} %).</p><p>{{#if at_limit}}Weitere Anfragen werden abgelehnt (HTTP 429), bis das Kontingent am Ersten des nächsten Monats (UTC) neu beginnt. Wechseln Sie den Tarif, um sofort weiterzumachen.{{else}}Bei 100 % werden weitere Anfragen bis zum nächsten Monat abgelehnt. Wechseln Sie den Tarif, wenn Sie mehr brauchen.{{/if}}</p>',
        '{{#if is_api_key}}Der API-Schlüssel {{api_key_id}} hat{{else}}Ihre Organisation hat{{/if}} im {{month}} {{used}} der {{limit}} API-Anfragen gestellt, die der Tarif {{plan}} erlaubt ({{percent}} %).\n\n{{#if at_limit}}Weitere Anfragen werden abgelehnt (HTTP 429), bis das Kontingent am Ersten des nächsten Monats (UTC) neu beginnt. Wechseln Sie den Tarif, um sofort weiterzumachen.{{else}}Bei 100 % werden weitere Anfragen bis zum nächsten Monat abgelehnt. Wechseln Sie den Tarif, wenn Sie mehr brauchen.{{/if}}',
      ),
      fr: variant(
        'fr',
        '[{{brand_name}}] {{percent}} % du quota mensuel d’API utilisés',
        '<p>{{#if is_api_key}}La clé d’API {{html.api_key_id}} a{{else}}Votre organisation a{{/if}} fait {{html.used}} des {{html.limit}} requêtes d’API que le forfait {{html.plan}} permet en {{html.month}} ({{html.percent}} %).</p><p>{{#if at_limit}}Les requêtes suivantes sont refusées (HTTP 429) jusqu’à ce que le quota reparte le premier jour du mois prochain (UTC). Changez de forfait pour continuer dès maintenant.{{else}}À 100 %, les requêtes suivantes sont refusées jusqu’au mois prochain. Changez de forfait s’il vous en faut plus.{{/if}}</p>',
        '{{#if is_api_key}}La clé d’API {{api_key_id}} a{{else}}Votre organisation a{{/if}} fait {{used}} des {{limit}} requêtes d’API que le forfait {{plan}} permet en {{month}} ({{percent}} %).\n\n{{#if at_limit}}Les requêtes suivantes sont refusées (HTTP 429) jusqu’à ce que le quota reparte le premier jour du mois prochain (UTC). Changez de forfait pour continuer dès maintenant.{{else}}À 100 %, les requêtes suivantes sont refusées jusqu’au mois prochain. Changez de forfait s’il vous en faut plus.{{/if}}',
      ),
    },
  },
];
