import { ulid } from 'ulid';

/** Resource id prefixes; ids are the prefix plus a ULID: sortable by creation, random, fixed length. */
export const ID_PREFIXES = {
  account: 'acc',
  contact: 'con',
  document: 'doc',
  upload: 'upl',
  certification: 'cert',
  faq: 'faq',
  subprocessor: 'sub',
  subprocessorSubscription: 'sps',
  subprocessorNotice: 'spn',
  knowledgeBase: 'kb',
  accessRequest: 'req',
  accessGrant: 'grt',
  ndaRecord: 'ndr',
  user: 'usr',
  invitation: 'inv',
  apiKey: 'key',
  webhook: 'whk',
  webhookDelivery: 'whd',
  event: 'evt',
  organization: 'org',
  invoice: 'invc',
  organizationExport: 'exp',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid()}`;
}

/**
 * The pattern of ids of one kind. In a body a mismatch is a 400; in the path it names nothing, so the
 * pipeline answers 404 without a lookup (issue 10, item 3: seed 1's `acc_123`, seed 4's `org-abc123`).
 */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
