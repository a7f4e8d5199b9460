/**
 * The demo tenant's trust center, "Demo Company" (a fictional SaaS vendor), in English, German and French:
 * what `npm start` seeds through the Admin API on first start (infra/local/demo-content/seed.ts).
 */
import type { Language } from '#shared/languages';

type InLanguages = Readonly<Record<Language, string>>;

/** The brand, as `PATCH /api/v1/brand` takes it; the logo is logo.png beside this file. */
export const DEMO_BRAND = {
  title: 'Demo Company',
  primary_color: '#1d4ed8',
  font: 'inter',
  tagline: {
    en: 'Security, privacy and compliance at Demo Company',
    de: 'Sicherheit, Datenschutz und Compliance bei Demo Company',
    fr: 'Sécurité, confidentialité et conformité chez Demo Company',
  } satisfies InLanguages,
  intro: {
    en: 'We run our platform in ISO 27001 certified data centres in the EU, encrypt every byte at rest and in transit, and let independent auditors check us every year. Here you find our certificates, policies and reports.',
    de: 'Wir betreiben unsere Plattform in ISO-27001-zertifizierten Rechenzentren in der EU, verschlüsseln alle Daten bei der Speicherung und Übertragung und lassen uns jedes Jahr von unabhängigen Prüfern kontrollieren. Hier finden Sie unsere Zertifikate, Richtlinien und Berichte.',
    fr: 'Notre plateforme fonctionne dans des centres de données certifiés ISO 27001 dans l’UE, chaque octet est chiffré au repos et en transit, et des auditeurs indépendants nous contrôlent chaque année. Vous trouverez ici nos certificats, politiques et rapports.',
  } satisfies InLanguages,
  security_contact: 'security@example.com',
};

export const DEMO_CERTIFICATIONS = [
  {
    framework: 'ISO/IEC 27001:2022',
    issuer: 'TÜV SÜD',
    issued_at: '2025-03-01',
    expires_at: '2028-02-28',
    description: 'Information security management system covering the whole platform and its operations.',
  },
  {
    framework: 'SOC 2 Type II',
    issuer: 'A-LIGN',
    issued_at: '2025-12-20',
    expires_at: '2026-12-19',
    description: 'Security, availability and confidentiality; twelve-month observation period.',
  },
] as const;

export const DEMO_DOCUMENTS = [
  {
    title: { en: 'Security Whitepaper', de: 'Sicherheits-Whitepaper', fr: 'Livre blanc sur la sécurité' },
    description: {
      en: 'How we protect your data, from the data centre to the browser.',
      de: 'Wie wir Ihre Daten schützen, vom Rechenzentrum bis zum Browser.',
      fr: 'Comment nous protégeons vos données, du centre de données au navigateur.',
    },
    access_level: 'public',
    category: 'Policies',
    featured: true,
  },
  {
    title: {
      en: 'Data Processing Agreement',
      de: 'Auftragsverarbeitungsvertrag',
      fr: 'Accord de traitement des données',
    },
    description: {
      en: 'Our standard DPA under Art. 28 GDPR, with the EU standard contractual clauses.',
      de: 'Unser Standard-AVV nach Art. 28 DSGVO, mit den EU-Standardvertragsklauseln.',
      fr: 'Notre accord standard selon l’art. 28 du RGPD, avec les clauses contractuelles types de l’UE.',
    },
    access_level: 'public',
    category: 'Legal',
    featured: false,
  },
  {
    title: {
      en: 'Penetration Test Summary 2026',
      de: 'Penetrationstest-Zusammenfassung 2026',
      fr: 'Synthèse du test d’intrusion 2026',
    },
    description: {
      en: 'Findings and fixes of the yearly external penetration test.',
      de: 'Ergebnisse und Behebungen des jährlichen externen Penetrationstests.',
      fr: 'Constats et corrections du test d’intrusion externe annuel.',
    },
    access_level: 'restricted',
    category: 'Reports',
    featured: true,
  },
  {
    title: { en: 'SOC 2 Type II Report', de: 'SOC-2-Typ-II-Bericht', fr: 'Rapport SOC 2 Type II' },
    description: {
      en: 'The auditor’s full report for the latest observation period.',
      de: 'Der vollständige Bericht des Prüfers für den letzten Prüfzeitraum.',
      fr: 'Le rapport complet de l’auditeur pour la dernière période d’observation.',
    },
    access_level: 'requires_nda',
    category: 'Reports',
    featured: true,
  },
] as const;

export const DEMO_FAQS: readonly InLanguages[][] = [
  [
    {
      en: 'Where is my data stored?',
      de: 'Wo werden meine Daten gespeichert?',
      fr: 'Où mes données sont-elles stockées ?',
    },
    {
      en: 'In AWS data centres in Frankfurt (eu-central-1), with backups in Ireland (eu-west-1). Data never leaves the EU.',
      de: 'In AWS-Rechenzentren in Frankfurt (eu-central-1), mit Sicherungen in Irland (eu-west-1). Die Daten verlassen nie die EU.',
      fr: 'Dans les centres de données AWS de Francfort (eu-central-1), avec des sauvegardes en Irlande (eu-west-1). Les données ne quittent jamais l’UE.',
    },
  ],
  [
    {
      en: 'Is my data encrypted?',
      de: 'Sind meine Daten verschlüsselt?',
      fr: 'Mes données sont-elles chiffrées ?',
    },
    {
      en: 'Yes: AES-256 at rest with keys in AWS KMS, and TLS 1.2 or newer in transit.',
      de: 'Ja: AES-256 bei der Speicherung mit Schlüsseln in AWS KMS und TLS 1.2 oder neuer bei der Übertragung.',
      fr: 'Oui : AES-256 au repos avec des clés dans AWS KMS, et TLS 1.2 ou plus récent en transit.',
    },
  ],
  [
    {
      en: 'How do I report a vulnerability?',
      de: 'Wie melde ich eine Schwachstelle?',
      fr: 'Comment signaler une vulnérabilité ?',
    },
    {
      en: 'Write to security@example.com. We answer within one business day and never take legal action against good-faith research.',
      de: 'Schreiben Sie an security@example.com. Wir antworten innerhalb eines Werktags und gehen nie rechtlich gegen Forschung in gutem Glauben vor.',
      fr: 'Écrivez à security@example.com. Nous répondons sous un jour ouvré et n’engageons jamais de poursuites contre une recherche de bonne foi.',
    },
  ],
];

export const DEMO_KNOWLEDGE_BASE: readonly { question: InLanguages; answer: InLanguages; tags: string[] }[] =
  [
    {
      question: {
        en: 'How are backups made?',
        de: 'Wie werden Backups erstellt?',
        fr: 'Comment les sauvegardes sont-elles faites ?',
      },
      answer: {
        en: 'Encrypted snapshots every hour, kept 35 days, restored in a yearly disaster-recovery test.',
        de: 'Verschlüsselte Snapshots jede Stunde, 35 Tage aufbewahrt, in einem jährlichen Notfalltest wiederhergestellt.',
        fr: 'Des instantanés chiffrés toutes les heures, conservés 35 jours, restaurés lors d’un test annuel de reprise.',
      },
      tags: ['backup', 'availability'],
    },
    {
      question: {
        en: 'Which encryption do you use?',
        de: 'Welche Verschlüsselung verwenden Sie?',
        fr: 'Quel chiffrement utilisez-vous ?',
      },
      answer: {
        en: 'AES-256-GCM at rest, TLS 1.2+ with forward secrecy in transit; keys rotate every year.',
        de: 'AES-256-GCM bei der Speicherung, TLS 1.2+ mit Forward Secrecy bei der Übertragung; Schlüssel werden jährlich rotiert.',
        fr: 'AES-256-GCM au repos, TLS 1.2+ avec confidentialité persistante en transit ; les clés tournent chaque année.',
      },
      tags: ['encryption'],
    },
    {
      question: {
        en: 'Do you support single sign-on?',
        de: 'Unterstützen Sie Single Sign-on?',
        fr: 'Prenez-vous en charge l’authentification unique ?',
      },
      answer: {
        en: 'Yes, SAML 2.0 and OpenID Connect, with SCIM provisioning on the Business plan.',
        de: 'Ja, SAML 2.0 und OpenID Connect, mit SCIM-Provisionierung im Business-Tarif.',
        fr: 'Oui, SAML 2.0 et OpenID Connect, avec le provisionnement SCIM dans l’offre Business.',
      },
      tags: ['sso', 'identity'],
    },
    {
      question: {
        en: 'How fast do you respond to incidents?',
        de: 'Wie schnell reagieren Sie auf Vorfälle?',
        fr: 'En combien de temps réagissez-vous aux incidents ?',
      },
      answer: {
        en: 'On-call engineers respond within 15 minutes; affected customers hear from us within 24 hours.',
        de: 'Bereitschaftsingenieure reagieren innerhalb von 15 Minuten; betroffene Kunden informieren wir innerhalb von 24 Stunden.',
        fr: 'Les ingénieurs d’astreinte réagissent en 15 minutes ; les clients concernés sont informés sous 24 heures.',
      },
      tags: ['incident response'],
    },
  ];

export const DEMO_SUBPROCESSORS = [
  {
    name: 'Amazon Web Services EMEA SARL',
    purpose: { en: 'Hosting and storage', de: 'Hosting und Speicherung', fr: 'Hébergement et stockage' },
    data_categories: ['Customer data', 'Account data'],
    location: 'DE',
    website: 'https://aws.amazon.com',
  },
  {
    name: 'Postmark (ActiveCampaign)',
    purpose: { en: 'Transactional email', de: 'Transaktionale E-Mails', fr: 'E-mails transactionnels' },
    data_categories: ['Account data'],
    location: 'US',
    website: 'https://postmarkapp.com',
  },
  {
    name: 'Zendesk',
    purpose: { en: 'Customer support', de: 'Kundensupport', fr: 'Support client' },
    data_categories: ['Account data', 'Support tickets'],
    location: 'IE',
    website: 'https://www.zendesk.com',
  },
  {
    name: 'Datadog',
    purpose: { en: 'Monitoring and logs', de: 'Monitoring und Logs', fr: 'Supervision et journaux' },
    data_categories: ['Usage data'],
    location: 'US',
    website: 'https://www.datadoghq.com',
  },
] as const;

export const DEMO_NDA: Readonly<Record<Language, { title: string; body: string }>> = {
  en: {
    title: 'Demo Company Mutual NDA',
    body: '# Mutual Non-Disclosure Agreement\n\n1. Demo Company shares security documents with you only to help you assess its services.\n2. You keep them confidential, share them only with colleagues and advisers who need them, and delete them on request.\n3. This agreement lasts three years from your acceptance and is governed by German law.',
  },
  de: {
    title: 'Gegenseitige Geheimhaltungsvereinbarung der Demo Company',
    body: '# Gegenseitige Geheimhaltungsvereinbarung\n\n1. Die Demo Company stellt Ihnen Sicherheitsdokumente nur zur Bewertung ihrer Dienste bereit.\n2. Sie behandeln sie vertraulich, geben sie nur an Kollegen und Berater weiter, die sie brauchen, und löschen sie auf Anfrage.\n3. Diese Vereinbarung gilt drei Jahre ab Ihrer Annahme; es gilt deutsches Recht.',
  },
  fr: {
    title: 'Accord de confidentialité mutuel de Demo Company',
    body: '# Accord de confidentialité mutuel\n\n1. Demo Company vous communique des documents de sécurité uniquement pour évaluer ses services.\n2. Vous les gardez confidentiels, ne les partagez qu’avec les collègues et conseillers qui en ont besoin, et les supprimez sur demande.\n3. Cet accord dure trois ans à compter de votre acceptation et est régi par le droit allemand.',
  },
};
