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
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid()}`;
}

/** A path parameter pattern for ids of one kind, so a malformed id is a 400 rather than a lookup. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
