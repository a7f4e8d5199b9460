/**
 * Who may see a document: anyone, approved visitors, or visitors who signed the NDA. Documents carry one,
 * accounts are shared documents at one, access grants and the webhook payloads name them. Pure.
 */
export const ACCESS_LEVELS = ['public', 'restricted', 'requires_nda'] as const;

export type AccessLevel = (typeof ACCESS_LEVELS)[number];
