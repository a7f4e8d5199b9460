import type { SearchableEntry } from '#services/knowledge-base/search-entries';

/**
 * A realistic trust-center knowledge base, and for each entry the words a visitor would type to find it
 * (at least 3 letters, distinctive enough that the exact word ranks the entry in the top 3). The typo
 * set is every single-edit misspelling of those words, the edit classes of Damerau (1964): adjacent
 * swap, missing letter, extra letter (incl. a doubled one), substituted letter.
 */
export interface TypoCorpusEntry extends SearchableEntry {
  words: readonly string[];
}

function entry(
  id: string,
  question: string,
  answer: string,
  tags: readonly string[],
  words: readonly string[],
): TypoCorpusEntry {
  return { id, question, answer, tags, language: 'en', words };
}

export const typoCorpus: readonly TypoCorpusEntry[] = [
  entry(
    'kb_encryption_rest',
    'Is customer data encrypted at rest?',
    'Yes. All customer data is encrypted at rest with AES-256; keys are managed in AWS KMS and rotated yearly.',
    ['encryption', 'security'],
    ['encryption', 'encrypted', 'rest', 'kms'],
  ),
  entry(
    'kb_encryption_transit',
    'Is data encrypted in transit?',
    'All connections use TLS 1.2 or later, and HSTS is enforced on every domain.',
    ['encryption', 'tls'],
    ['transit', 'connections', 'tls'],
  ),
  entry(
    'kb_retention',
    'How long do you retain customer data?',
    'For the duration of the contract; it is deleted within 30 days of termination.',
    ['retention', 'deletion'],
    ['retention', 'retain', 'deleted', 'termination'],
  ),
  entry(
    'kb_pentest',
    'Do you perform penetration tests?',
    'An independent firm performs a penetration test every year; a summary of the findings is available under NDA.',
    ['pentest', 'security'],
    ['penetration', 'pentest', 'findings', 'independent'],
  ),
  entry(
    'kb_subprocessors',
    'Which subprocessors do you use?',
    'Our subprocessors are listed with their location and purpose; customers hear of a new one 30 days before it is added.',
    ['subprocessors', 'vendors'],
    ['subprocessors', 'vendors', 'location'],
  ),
  entry(
    'kb_soc2',
    'Do you have a SOC 2 Type II report?',
    'Yes, it covers security, availability and confidentiality and is renewed annually by an external auditor.',
    ['soc2', 'compliance', 'audit'],
    ['soc', 'report', 'availability', 'confidentiality', 'auditor'],
  ),
  entry(
    'kb_gdpr',
    'Are you GDPR compliant?',
    'Yes; we act as a processor under the GDPR and sign a data processing agreement with every customer.',
    ['gdpr', 'privacy'],
    ['gdpr', 'privacy', 'processing', 'agreement'],
  ),
  entry(
    'kb_backups',
    'How often are backups taken?',
    'Daily; they are kept for 35 days and a restore is tested every quarter.',
    ['backups', 'recovery'],
    ['backups', 'daily', 'quarter', 'restore'],
  ),
  entry(
    'kb_incident',
    'How do you handle security incidents?',
    'Our incident response plan is rehearsed twice a year; affected customers are notified within 72 hours.',
    ['incident', 'response'],
    ['incidents', 'incident', 'response', 'notified', 'hours'],
  ),
  entry(
    'kb_iso',
    'Are you ISO 27001 certified?',
    'Yes, our information security management system is certified to ISO/IEC 27001:2022.',
    ['iso27001', 'certification'],
    ['iso', 'certified', 'management'],
  ),
  entry(
    'kb_sso',
    'Do you support single sign-on?',
    'Yes, SAML 2.0 and OpenID Connect, with SCIM provisioning of users.',
    ['sso', 'identity'],
    ['sso', 'single', 'saml', 'provisioning'],
  ),
  entry(
    'kb_mfa',
    'Is multi-factor authentication enforced for employees?',
    'Yes, every employee signs in with a hardware security key.',
    ['mfa', 'authentication'],
    ['mfa', 'authentication', 'hardware', 'employees'],
  ),
  entry(
    'kb_vulnerability',
    'How do I report a vulnerability?',
    'Write to our security team; we run a coordinated disclosure programme and answer within two business days.',
    ['vulnerability', 'disclosure'],
    ['vulnerability', 'disclosure', 'coordinated'],
  ),
  entry(
    'kb_continuity',
    'Do you have a disaster recovery plan?',
    'Yes, with a recovery time objective of four hours, tested in a yearly failover exercise.',
    ['continuity', 'recovery'],
    ['disaster', 'continuity', 'failover', 'objective'],
  ),
  entry(
    'kb_hosting',
    'Where is customer data hosted?',
    'In AWS data centres in Frankfurt (eu-central-1); no customer data leaves the European Union.',
    ['hosting', 'residency'],
    ['hosted', 'frankfurt', 'residency', 'european'],
  ),
  entry(
    'kb_screening',
    'Do employees undergo background checks?',
    'Yes, every new hire is screened before starting, where the law allows.',
    ['screening', 'hr'],
    ['background', 'checks', 'screened'],
  ),
  entry(
    'kb_logging',
    'Do you monitor access to production systems?',
    'All access is logged centrally and reviewed; alerts page the on-call engineer.',
    ['logging', 'monitoring'],
    ['monitor', 'production', 'logged', 'alerts'],
  ),
  entry(
    'kb_insurance',
    'Do you carry cyber insurance?',
    'Yes, a cyber liability policy covering incident costs and third-party claims.',
    ['insurance'],
    ['insurance', 'cyber', 'liability'],
  ),
];

export type TypoClass = 'swap' | 'missing' | 'extra' | 'doubled' | 'substituted';

export interface Typo {
  word: string;
  typo: string;
  kind: TypoClass;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** The keys around each key on a QWERTY keyboard: where a finger slips to. */
const QWERTY_NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qeas',
  e: 'wrsd',
  r: 'etdf',
  t: 'ryfg',
  y: 'tugh',
  u: 'yihj',
  i: 'uojk',
  o: 'ipkl',
  p: 'ol',
  a: 'qwsz',
  s: 'weadzx',
  d: 'erfsxc',
  f: 'rtdgcv',
  g: 'tyfhvb',
  h: 'yugjbn',
  j: 'uihknm',
  k: 'iojlm',
  l: 'opk',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

/**
 * Which letters an extra or substituted letter may be: `all` (a-z, exhaustive), or `neighbours` (the
 * QWERTY neighbours of the letters beside it or of the letter replaced, the realistic slips, about a fifth of `all`).
 */
export type TypoLetters = 'all' | 'neighbours';

function neighboursOf(near: string, letters: TypoLetters): string {
  if (letters === 'all') return ALPHABET;
  return [...near].map((letter) => QWERTY_NEIGHBOURS[letter] ?? '').join('');
}

/** Every distinct single-edit misspelling of `word` (lower-case a-z), by class. */
export function typosOf(word: string, letters: TypoLetters = 'all'): Typo[] {
  const typos = new Map<string, TypoClass>();
  const add = (typo: string, kind: TypoClass) => {
    if (typo !== word && !typos.has(typo)) typos.set(typo, kind);
  };
  for (let i = 0; i + 1 < word.length; i++) {
    add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), 'swap');
  }
  for (let i = 0; i < word.length; i++) {
    add(word.slice(0, i) + word[i] + word.slice(i), 'doubled');
    add(word.slice(0, i) + word.slice(i + 1), 'missing');
  }
  for (let i = 0; i <= word.length; i++) {
    const beside = word.slice(Math.max(0, i - 1), i + 1);
    for (const letter of neighboursOf(beside, letters))
      add(word.slice(0, i) + letter + word.slice(i), 'extra');
  }
  for (let i = 0; i < word.length; i++) {
    for (const letter of neighboursOf(word[i] ?? '', letters)) {
      add(word.slice(0, i) + letter + word.slice(i + 1), 'substituted');
    }
  }
  return [...typos].map(([typo, kind]) => ({ word, typo, kind }));
}

/**
 * The typo set: each misspelling of each entry's words, except those that are themselves words of the
 * corpus ("rest" -> "test"): a real-word error cannot be told from a real query.
 */
export function typoSet(
  minLength: number,
  maxLength = Number.POSITIVE_INFINITY,
  letters: TypoLetters = 'all',
): (Typo & { target: string })[] {
  const vocabulary = new Set(
    typoCorpus.flatMap((item) =>
      `${item.question} ${item.answer} ${item.tags.join(' ')}`.toLowerCase().split(/[^\p{L}\p{N}]+/u),
    ),
  );
  return typoCorpus.flatMap((item) =>
    item.words
      .filter((word) => word.length >= minLength && word.length <= maxLength)
      .flatMap((word) => typosOf(word, letters))
      .filter((typo) => !vocabulary.has(typo.typo))
      .map((typo) => ({ ...typo, target: item.id })),
  );
}
