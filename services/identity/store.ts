import { Entity, type EntityItem } from 'electrodb';
import { MEMBER_STATUSES } from '#services/identity/member-statuses';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

const options = () => ({ table: config.tableName, client: dynamo() });
// GSI sort keys are always built from attributes: ElectroDB 3.9 writes a static sort-key template as the
// string "undefined" when a patch rebuilds the index keys.

/** A tenant. Listed for operators through one static partition of gsi1. */
export const organizations = new Entity(
  {
    model: { entity: 'organization', version: '1', service: 'tc' },
    attributes: {
      orgId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** A DNS label, unique across the platform once `slugClaimed` (services/identity/slugs.ts). */
      slug: { type: 'string', required: true },
      /** True once the `slug#<slug>` claim item exists; absent on organizations made before claims. */
      slugClaimed: { type: 'boolean' },
      plan: { type: 'string', required: true },
      ownerEmail: { type: 'string', required: true },
      description: { type: 'string' },
      website: { type: 'string' },
      /** An IANA time zone; absent means UTC. */
      timezone: { type: 'string' },
      /** CIDR blocks every credential of the organization must call from (people and keys); empty: any. */
      ipAllowlist: { type: 'list', items: { type: 'string' } },
      /** `pending_deletion` from the owner's DELETE until restored or purged; absent means active. */
      status: { type: ['active', 'pending_deletion'] as const },
      deletionRequestedAt: { type: 'string' },
      deletionRequestedBy: { type: 'string' },
      /** When the purge job may remove everything of the organization (ISO 8601). */
      purgeAfter: { type: 'string' },
      /** The usage key the tenant's interactive sessions share (created on first sign-in). */
      usageKeyValue: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#organization', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'organization', casing: 'none' },
      },
      all: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: [], template: 'organizations', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['orgId'], template: '${orgId}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * A slug's claim: one item per slug naming the organization that holds it (platform-wide uniqueness, and
 * slug → tenant by key). Not a tenant item: its partition key is the slug.
 */
export const organizationSlugs = new Entity(
  {
    model: { entity: 'organizationSlug', version: '1', service: 'tc' },
    attributes: {
      slug: { type: 'string', required: true, readOnly: true },
      orgId: { type: 'string', required: true },
    },
    indexes: {
      bySlug: {
        pk: { field: 'pk', composite: ['slug'], template: 'slug#${slug}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'slug', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * A person in a tenant; signs in through Cognito, found by the token's `sub`. From the invitation on the
 * person is a member `pending_invite` (seed 4's add-member answer names this record's id), with a
 * placeholder `cognitoSub` no token carries (`pendingSub`), until accepting makes the record `active`.
 */
export const members = new Entity(
  {
    model: { entity: 'member', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true },
      name: { type: 'string' },
      role: { type: 'string', required: true },
      status: { type: MEMBER_STATUSES, required: true },
      cognitoSub: { type: 'string', required: true },
      /** The invitation that brought the person in; while `pending_invite`, the one that is live. */
      invitationId: { type: 'string' },
      language: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** The last successful password sign-in (ISO 8601), written by the login. */
      lastLoginAt: { type: 'string' },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#member', casing: 'none' },
        sk: { field: 'sk', composite: ['userId'], template: '${userId}', casing: 'none' },
      },
      bySub: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['cognitoSub'], template: 'cognito#${cognitoSub}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['tenantId'], template: '${tenantId}', casing: 'none' },
      },
      byEmail: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['email'], template: 'email#${email}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['tenantId'], template: '${tenantId}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * An invitation: only the SHA-256 of its token is stored, and looked up through gsi1 when accepted.
 */
export const invitations = new Entity(
  {
    model: { entity: 'invitation', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      invitationId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true },
      name: { type: 'string' },
      role: { type: 'string', required: true },
      /** The id of the member the invitation made (`pending_invite` until accepted); absent on old items. */
      userId: { type: 'string' },
      status: { type: ['pending', 'accepted', 'revoked'] as const, required: true },
      tokenHash: { type: 'string', required: true },
      invitedBy: { type: 'string', required: true },
      sentAt: { type: 'string', required: true },
      expiresAt: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#invitation', casing: 'none' },
        sk: { field: 'sk', composite: ['invitationId'], template: '${invitationId}', casing: 'none' },
      },
      byToken: {
        index: 'gsi1',
        pk: {
          field: 'gsi1pk',
          composite: ['tokenHash'],
          template: 'invitation#${tokenHash}',
          casing: 'none',
        },
        sk: { field: 'gsi1sk', composite: ['invitationId'], template: '${invitationId}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * An API key: the secret is stored only as its SHA-256, looked up through gsi1; while a rotation's
 * grace window is open the previous secret's hash is findable through gsi2.
 */
export const apiKeys = new Entity(
  {
    model: { entity: 'apiKey', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      keyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      description: { type: 'string' },
      role: { type: 'string' },
      keyType: { type: 'string' },
      scopes: { type: 'list', items: { type: 'string' }, required: true },
      prefix: { type: 'string', required: true },
      secretHash: { type: 'string', required: true },
      previousSecretHash: { type: 'string' },
      previousSecretExpiresAt: { type: 'string' },
      ipAllowlist: { type: 'list', items: { type: 'string' } },
      expiresAt: { type: 'string' },
      revokedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true },
      lastUsedAt: { type: 'string' },
      requestCount: { type: 'number', required: true },
      /** Its API Gateway usage key: the authorizer's usageIdentifierKey, throttled by the tenant's plan. */
      usageKeyId: { type: 'string' },
      usageKeyValue: { type: 'string' },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#apikey', casing: 'none' },
        sk: { field: 'sk', composite: ['keyId'], template: '${keyId}', casing: 'none' },
      },
      bySecret: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['secretHash'], template: 'apikey#${secretHash}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['keyId'], template: '${keyId}', casing: 'none' },
      },
      byPreviousSecret: {
        index: 'gsi2',
        pk: {
          field: 'gsi2pk',
          composite: ['previousSecretHash'],
          template: 'apikey#${previousSecretHash}',
          casing: 'none',
        },
        sk: { field: 'gsi2sk', composite: ['keyId'], template: '${keyId}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * Where an export stands: `pending` until the archive is stored, then `ready`. A failed attempt leaves it
 * `pending`: the event is retried (EventBridge, then the consumer's dead-letter queue and its alarm).
 */
export const EXPORT_STATUSES = ['pending', 'ready'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * An organization export (issue 16, item 2): the request, written with `organization.export_requested`
 * in one transaction, and then what the archive holds once the consumer stored it. A tenant item, so the
 * purge removes it with the rest.
 */
export const organizationExports = new Entity(
  {
    model: { entity: 'organizationExport', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      exportId: { type: 'string', required: true, readOnly: true },
      status: { type: EXPORT_STATUSES, required: true },
      requestedAt: { type: 'string', required: true, readOnly: true },
      /** The principal who asked (a person's `usr_…`, or an operator). */
      requestedBy: { type: 'string', required: true, readOnly: true },
      completedAt: { type: 'string' },
      /** The archive's key in the documents bucket (under `tenants/<org>/exports/`). */
      objectKey: { type: 'string' },
      sizeBytes: { type: 'number' },
      /** Records per resource kind (`account`: 3 …) and `files`, as the archive's manifest counts them. */
      counts: { type: 'any' },
    },
    indexes: {
      byTenant: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#organization-export',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['exportId'], template: '${exportId}', casing: 'none' },
      },
    },
  },
  options(),
);

/** The `cognitoSub` of a member not yet signed up: no Cognito token ever carries it (subs are UUIDs). */
export function pendingSub(userId: string): string {
  return `pending#${userId}`;
}

export type OrganizationItem = EntityItem<typeof organizations>;
export type MemberItem = EntityItem<typeof members>;
export type InvitationItem = EntityItem<typeof invitations>;
export type ApiKeyItem = EntityItem<typeof apiKeys>;
export type OrganizationExportItem = EntityItem<typeof organizationExports>;
