import { CustomAttributeType, Entity, type EntityItem } from 'electrodb';
import type { NdaVersionRef } from '#services/access-requests/nda-store';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

// ElectroDB types a union's base as "string" | "number" but accepts only one value; "any" stores either.
const ANY = 'any' as never;

const options = () => ({ table: config.tableName, client: dynamo() });
const reviewStatuses = ['to_review', 'approved', 'rejected'] as const;
// GSI sort keys are built from attributes: ElectroDB writes a static GSI sort key as "undefined" on patch.

/** Visitors' requests for documents; listed newest first, or by review status through gsi1. */
export const accessRequests = new Entity(
  {
    model: { entity: 'accessRequest', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      emailDomain: { type: 'string', required: true, readOnly: true },
      company: { type: 'string', required: true, readOnly: true },
      message: { type: 'string', readOnly: true },
      /** The visitor's language (`en`, `de`, `fr`); absent on requests made before it was recorded. */
      language: { type: 'string', readOnly: true },
      documentIds: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
      ndaAccepted: { type: 'boolean', required: true, readOnly: true },
      /** A published version's number, or a platform default's `default-<lang>-<n>` (default-nda.ts). */
      ndaVersion: { type: CustomAttributeType<NdaVersionRef>(ANY), readOnly: true },
      ndaRecordId: { type: 'string', readOnly: true },
      reviewStatus: { type: reviewStatuses, required: true },
      decisionOutcome: { type: ['approved', 'rejected', 'manual'] as const, required: true, readOnly: true },
      decisionRule: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', readOnly: true },
      reviewedBy: { type: 'string' },
      reviewedAt: { type: 'string' },
      reviewNote: { type: 'string' },
      grantId: { type: 'string' },
      grantExpiresAt: { type: 'string' },
      /** When an admin ended the grant (the grant item holds who and why). */
      grantRevokedAt: { type: 'string' },
      ip: { type: 'string', required: true, readOnly: true },
      userAgent: { type: 'string', readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#access-request',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['requestId'], template: '${requestId}', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: {
          field: 'gsi1pk',
          composite: ['tenantId', 'reviewStatus'],
          template: '${tenantId}#access-request#${reviewStatus}',
          casing: 'none',
        },
        sk: { field: 'gsi1sk', composite: ['requestId'], template: '${requestId}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * What an approval gives: these documents, to this email, until `expiresAt`, unless revoked first. Only the
 * revocation is ever written after creation; every magic link and visitor session of the grant reads it, so one
 * write ends them all.
 */
export const accessGrants = new Entity(
  {
    model: { entity: 'accessGrant', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      grantId: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      documentIds: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
      accountId: { type: 'string', readOnly: true },
      expiresAt: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      revokedAt: { type: 'string' },
      /** The principal id of the admin or key that revoked it. */
      revokedBy: { type: 'string' },
      revokeReason: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#access-grant', casing: 'none' },
        sk: { field: 'sk', composite: ['grantId'], template: '${grantId}', casing: 'none' },
      },
    },
  },
  options(),
);

/** The tenant's auto-approval rules: one item. */
export const autoApprovalSettings = new Entity(
  {
    model: { entity: 'autoApprovalSettings', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      allowedDomains: { type: 'list', items: { type: 'string' }, required: true },
      deniedDomains: { type: 'list', items: { type: 'string' }, required: true },
      blockFreeMail: { type: 'boolean', required: true },
      approveKnownAccountDomains: { type: 'boolean', required: true },
      approveMasterNdaAccounts: { type: 'boolean', required: true },
      grantDays: { type: 'number', required: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#access-settings',
          casing: 'none',
        },
        sk: { field: 'sk', composite: [], template: 'auto-approval', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * A magic link, by the SHA-256 of its token (the token itself is never stored): exchanged once for a
 * visitor session, until `expiresAt`.
 */
export const magicLinks = new Entity(
  {
    model: { entity: 'magicLink', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      tokenHash: { type: 'string', required: true, readOnly: true },
      grantId: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'string', required: true, readOnly: true },
      usedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds; DynamoDB Local never expires items, so readers check `expiresAt`. */
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byToken: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#magic-link', casing: 'none' },
        sk: { field: 'sk', composite: ['tokenHash'], template: '${tokenHash}', casing: 'none' },
      },
    },
  },
  options(),
);

/** A visitor's session, by the SHA-256 of its bearer token; short-lived and bound to one grant. */
export const visitorSessions = new Entity(
  {
    model: { entity: 'visitorSession', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      sessionHash: { type: 'string', required: true, readOnly: true },
      grantId: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byToken: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#visitor-session',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['sessionHash'], template: '${sessionHash}', casing: 'none' },
      },
    },
  },
  options(),
);

/** One per mail the access-request mailer sent, by the event it answered: what makes it send once. */
export const accessMails = new Entity(
  {
    model: { entity: 'accessMail', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      kind: { type: ['magic_link', 'rejection'] as const, required: true, readOnly: true },
      sentAt: { type: 'string', required: true, readOnly: true },
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byEvent: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#access-mail', casing: 'none' },
        sk: { field: 'sk', composite: ['eventId'], template: '${eventId}', casing: 'none' },
      },
    },
  },
  options(),
);

export type AccessRequestItem = EntityItem<typeof accessRequests>;
export type AccessGrantItem = EntityItem<typeof accessGrants>;
export type AutoApprovalItem = EntityItem<typeof autoApprovalSettings>;
export type MagicLinkItem = EntityItem<typeof magicLinks>;
export type VisitorSessionItem = EntityItem<typeof visitorSessions>;

const table = () => ({ table: config.tableName });

export async function findAccessRequest(
  tenantId: string,
  requestId: string,
): Promise<AccessRequestItem | null> {
  return (await accessRequests.get({ tenantId, requestId }).go(table())).data;
}

/** Newest first, all or in one review status. */
export async function listAccessRequests(
  tenantId: string,
  reviewStatus: AccessRequestItem['reviewStatus'] | undefined,
  page: { limit: number; position: string | null },
): Promise<{ items: AccessRequestItem[]; position: string | null }> {
  const go = { ...table(), limit: page.limit, cursor: page.position, order: 'desc' as const };
  const { data, cursor } = reviewStatus
    ? await accessRequests.query.byStatus({ tenantId, reviewStatus }).go(go)
    : await accessRequests.query.byId({ tenantId }).go(go);
  return { items: data, position: cursor };
}

/**
 * A grant by id. Strongly consistent: the visitor routes and the revocation read it, and a revocation must
 * hold from the moment it is answered.
 */
export async function findGrant(tenantId: string, grantId: string): Promise<AccessGrantItem | null> {
  return (await accessGrants.get({ tenantId, grantId }).go({ ...table(), consistent: true })).data;
}

export async function findAutoApproval(tenantId: string): Promise<AutoApprovalItem | null> {
  return (await autoApprovalSettings.get({ tenantId }).go(table())).data;
}

export async function findMagicLink(tenantId: string, tokenHash: string): Promise<MagicLinkItem | null> {
  return (await magicLinks.get({ tenantId, tokenHash }).go({ ...table(), consistent: true })).data;
}

export async function findVisitorSession(
  tenantId: string,
  sessionHash: string,
): Promise<VisitorSessionItem | null> {
  return (await visitorSessions.get({ tenantId, sessionHash }).go(table())).data;
}

export async function mailSentFor(tenantId: string, eventId: string): Promise<boolean> {
  const { data } = await accessMails.get({ tenantId, eventId }).go({ ...table(), consistent: true });
  return data !== null;
}
