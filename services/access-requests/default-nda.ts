/**
 * The platform's default mutual NDA, one text per language, kept as code so that every deployment serves
 * the same bytes. A trust center that gates documents behind an NDA before publishing its own serves this
 * one (so no visitor meets "no NDA to accept"); the tenant's first published version replaces it.
 *
 * A revision is never edited: a change is a new revision (`default-en-2`), appended here, so the version and
 * SHA-256 an acceptance records always name the exact text accepted (test/unit/access-requests/default-nda
 * pins the hashes).
 */
import { DEFAULT_NDA_VERSION_PATTERN, type NDA_LANGUAGES } from '#services/access-requests/schemas';
import { sha256Hex } from '#shared/crypto/sha256-hex';

export type NdaLanguage = (typeof NDA_LANGUAGES)[number];

/** How a default NDA's version reads: `default-<language>-<revision>`. */
export type DefaultNdaVersion = `default-${NdaLanguage}-${number}`;

export interface DefaultNda {
  version: DefaultNdaVersion;
  language: NdaLanguage;
  /** 1, 2, … within the language. */
  revision: number;
  title: string;
  /** Markdown, as visitors read it; `sha256` is of its UTF-8 bytes. */
  body: string;
  sha256: string;
  /** When the revision shipped (ISO 8601 UTC). */
  publishedAt: string;
}

/** The language a visitor gets when it names none: the mail templates' default too (notifications/templates.ts). */
export const DEFAULT_NDA_LANGUAGE: NdaLanguage = 'en';

const EN_1 = `> **Platform default.** The organization running this trust center has not published an NDA of its own, so this default text of the trust-center platform applies. Organizations should review it, or replace it with their own.

# Mutual Non-Disclosure Agreement

1. **Parties.** The organization running this trust center (the "Company") and the person accepting this agreement, for themselves and for the company named in their request (the "Recipient").
2. **Confidential information.** Documents and information the Company makes available through this trust center, and information the Recipient shares with the Company in connection with them, are confidential information of the party disclosing them.
3. **Use.** Each party uses the other's confidential information only to evaluate or pursue a business relationship between them, and discloses it only to its employees and advisers who need it for that purpose and are bound to confidentiality at least as strict as this agreement.
4. **Exceptions.** Information is not confidential if it is or becomes public without a breach of this agreement, was lawfully known to the receiving party before, is lawfully received from a third party without a duty of confidentiality, or is developed independently. A party may disclose information a law or authority requires it to disclose, after telling the other party where lawful.
5. **Care.** Each party protects the other's confidential information with at least reasonable care, and does not remove or circumvent watermarks or access controls.
6. **Return.** On request, the receiving party deletes or returns the other's confidential information, except copies it must keep by law or holds in routine backups, which stay confidential.
7. **Term.** These duties last three years from the last disclosure. No licence or other right is granted, and information is provided as is. The law of the Company's principal place of business governs this agreement.
8. **Acceptance.** Accepting this agreement in the trust center binds the Recipient as a signature would. The name, email, company, time, IP address and this text's SHA-256 are recorded.
`;

const DE_1 = `> **Plattform-Standard.** Die Organisation, die dieses Trust Center betreibt, hat keine eigene Geheimhaltungsvereinbarung veröffentlicht; daher gilt dieser Standardtext der Trust-Center-Plattform. Organisationen sollten ihn prüfen oder durch einen eigenen ersetzen.

# Gegenseitige Geheimhaltungsvereinbarung

1. **Parteien.** Die Organisation, die dieses Trust Center betreibt (das „Unternehmen“), und die Person, die diese Vereinbarung annimmt, für sich und für das in ihrer Anfrage genannte Unternehmen (der „Empfänger“).
2. **Vertrauliche Informationen.** Dokumente und Informationen, die das Unternehmen über dieses Trust Center bereitstellt, und Informationen, die der Empfänger dem Unternehmen in diesem Zusammenhang mitteilt, sind vertrauliche Informationen der offenlegenden Partei.
3. **Verwendung.** Jede Partei verwendet die vertraulichen Informationen der anderen nur, um eine Geschäftsbeziehung zwischen ihnen zu prüfen oder zu verfolgen, und gibt sie nur an Mitarbeitende und Berater weiter, die sie dafür benötigen und mindestens so streng wie nach dieser Vereinbarung zur Vertraulichkeit verpflichtet sind.
4. **Ausnahmen.** Nicht vertraulich sind Informationen, die ohne Verletzung dieser Vereinbarung öffentlich sind oder werden, der empfangenden Partei vorher rechtmäßig bekannt waren, rechtmäßig von Dritten ohne Geheimhaltungspflicht erlangt oder unabhängig entwickelt wurden. Eine Partei darf Informationen offenlegen, soweit Gesetz oder Behörde es verlangen, nachdem sie die andere Partei, soweit zulässig, informiert hat.
5. **Sorgfalt.** Jede Partei schützt die vertraulichen Informationen der anderen mindestens mit angemessener Sorgfalt und entfernt oder umgeht weder Wasserzeichen noch Zugriffskontrollen.
6. **Rückgabe.** Auf Verlangen löscht die empfangende Partei die vertraulichen Informationen der anderen oder gibt sie zurück, ausgenommen Kopien, die sie gesetzlich aufbewahren muss oder in üblichen Datensicherungen hält; diese bleiben vertraulich.
7. **Dauer.** Diese Pflichten gelten drei Jahre ab der letzten Offenlegung. Lizenzen oder sonstige Rechte werden nicht eingeräumt; Informationen werden ohne Gewähr bereitgestellt. Es gilt das Recht am Hauptsitz des Unternehmens.
8. **Annahme.** Die Annahme dieser Vereinbarung im Trust Center bindet den Empfänger wie eine Unterschrift. Name, E-Mail-Adresse, Unternehmen, Zeitpunkt, IP-Adresse und der SHA-256 dieses Textes werden gespeichert.
`;

const FR_1 = `> **Texte par défaut de la plateforme.** L’organisation qui exploite ce trust center n’a pas publié son propre accord de confidentialité ; ce texte par défaut de la plateforme s’applique donc. Les organisations devraient le relire ou le remplacer par le leur.

# Accord de confidentialité mutuel

1. **Parties.** L’organisation qui exploite ce trust center (la « Société ») et la personne qui accepte cet accord, pour elle-même et pour l’entreprise nommée dans sa demande (le « Destinataire »).
2. **Informations confidentielles.** Les documents et informations que la Société met à disposition par ce trust center, et les informations que le Destinataire communique à la Société à cette occasion, sont des informations confidentielles de la partie qui les divulgue.
3. **Utilisation.** Chaque partie n’utilise les informations confidentielles de l’autre que pour évaluer ou poursuivre une relation d’affaires entre elles, et ne les communique qu’à ses employés et conseillers qui en ont besoin à cette fin et sont tenus à une confidentialité au moins aussi stricte que celle du présent accord.
4. **Exceptions.** Ne sont pas confidentielles les informations qui sont ou deviennent publiques sans violation du présent accord, étaient légitimement connues de la partie qui les reçoit, sont reçues légitimement d’un tiers sans obligation de confidentialité, ou sont développées de manière indépendante. Une partie peut divulguer une information exigée par la loi ou une autorité, après en avoir informé l’autre partie lorsque cela est permis.
5. **Diligence.** Chaque partie protège les informations confidentielles de l’autre avec au moins une diligence raisonnable, et ne retire ni ne contourne les filigranes ou les contrôles d’accès.
6. **Restitution.** Sur demande, la partie qui les a reçues supprime ou restitue les informations confidentielles de l’autre, sauf les copies qu’elle doit conserver en vertu de la loi ou qui figurent dans des sauvegardes courantes, lesquelles restent confidentielles.
7. **Durée.** Ces obligations durent trois ans à compter de la dernière divulgation. Aucune licence ni aucun autre droit n’est accordé ; les informations sont fournies en l’état. Le droit du siège principal de la Société régit le présent accord.
8. **Acceptation.** L’acceptation de cet accord dans le trust center engage le Destinataire comme une signature. Le nom, l’adresse e-mail, l’entreprise, l’heure, l’adresse IP et le SHA-256 de ce texte sont enregistrés.
`;

function revision(
  language: NdaLanguage,
  number: number,
  title: string,
  body: string,
  publishedAt: string,
): DefaultNda {
  return {
    version: `default-${language}-${number}`,
    language,
    revision: number,
    title,
    body,
    sha256: sha256Hex(body),
    publishedAt,
  };
}

/** Every revision ever shipped, oldest first within a language. Append; never edit or remove. */
export const DEFAULT_NDAS: readonly DefaultNda[] = [
  revision('en', 1, 'Mutual Non-Disclosure Agreement (platform default)', EN_1, '2026-11-30T00:00:00.000Z'),
  revision(
    'de',
    1,
    'Gegenseitige Geheimhaltungsvereinbarung (Plattform-Standard)',
    DE_1,
    '2026-11-30T00:00:00.000Z',
  ),
  revision(
    'fr',
    1,
    'Accord de confidentialité mutuel (texte par défaut de la plateforme)',
    FR_1,
    '2026-11-30T00:00:00.000Z',
  ),
];

/** Whether a version string names a default NDA (`default-<language>-<revision>`), shipped or not. */
export function isDefaultNdaVersion(version: unknown): version is DefaultNdaVersion {
  return typeof version === 'string' && new RegExp(DEFAULT_NDA_VERSION_PATTERN).test(version);
}

/** The newest default revision in a language (English when none is named). */
export function currentDefaultNda(language: NdaLanguage = DEFAULT_NDA_LANGUAGE): DefaultNda {
  const revisions = DEFAULT_NDAS.filter((nda) => nda.language === language);
  const newest = revisions.at(-1);
  if (!newest) throw new Error(`No default NDA in ${language}`);
  return newest;
}

/** A shipped default revision by its version (`default-de-1`), or null for one that never shipped. */
export function findDefaultNda(version: string): DefaultNda | null {
  return DEFAULT_NDAS.find((nda) => nda.version === version) ?? null;
}
