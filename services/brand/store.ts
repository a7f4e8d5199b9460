import { Entity, type EntityItem } from 'electrodb';
import { DOMAIN_STATUSES } from '#services/brand/domain-statuses';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

const options = () => ({ table: config.tableName, client: dynamo() });

/** A logo or favicon: the object under `tenants/<tenantId>/brand/…` and what the answer shows of it. */
export interface BrandAssetItem {
  objectKey: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Intrinsic size in CSS pixels (image-type.ts imageDimensions); absent when the image names none, or for files stored before sizes were kept. */
  width?: number;
  height?: number;
  uploadedAt: string;
}

/** The tenant's one brand item; absent until the first change, and then the defaults apply. */
export const brands = new Entity(
  {
    model: { entity: 'brand', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string' },
      primaryColor: { type: 'string' },
      secondaryColor: { type: 'string' },
      accentColor: { type: 'string' },
      font: { type: 'string' },
      footerText: { type: 'string' },
      /** Per language: `{ en: '…', de: '…' }`. */
      tagline: { type: 'any' },
      intro: { type: 'any' },
      securityContact: { type: 'string' },
      privacyPolicyUrl: { type: 'string' },
      defaultLanguage: { type: 'string' },
      languages: { type: 'list', items: { type: 'string' } },
      logo: { type: 'any' },
      favicon: { type: 'any' },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#brand', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'brand', casing: 'none' },
      },
    },
  },
  options(),
);

export type BrandItem = EntityItem<typeof brands>;

/**
 * A host claimed by a tenant (DESIGN.md: the `DOMAIN#host` item). Keyed by the host alone, so a host has
 * one owner: a second tenant's claim fails the item's `attribute_not_exists` condition. Listed per tenant
 * through gsi1 and, while pending, across tenants for the verification job through gsi2.
 */
export const domains = new Entity(
  {
    model: { entity: 'domain', version: '1', service: 'tc' },
    attributes: {
      host: { type: 'string', required: true, readOnly: true },
      tenantId: { type: 'string', required: true, readOnly: true },
      status: { type: DOMAIN_STATUSES, required: true },
      /** The value the TXT record must hold. Not a secret: it proves who controls the zone, not who asks. */
      token: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      verifiedAt: { type: 'string' },
      lastCheckedAt: { type: 'string' },
      /** The CloudFront distribution tenant serving the host, once active (AWS only). */
      distributionTenantId: { type: 'string' },
    },
    indexes: {
      byHost: {
        pk: { field: 'pk', composite: ['host'], template: 'DOMAIN#${host}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'domain', casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#domain', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['host'], template: '${host}', casing: 'none' },
      },
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['status'], template: 'domain-status#${status}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['host'], template: '${host}', casing: 'none' },
      },
    },
  },
  options(),
);

export type DomainItem = EntityItem<typeof domains>;

export async function findBrand(tenantId: string): Promise<BrandItem | null> {
  const { data } = await brands.get({ tenantId }).go({ table: config.tableName });
  return data;
}

export async function findDomain(host: string): Promise<DomainItem | null> {
  const { data } = await domains.get({ host }).go({ table: config.tableName });
  return data;
}

/** Every custom domain of the tenant, by host (as many as its plan's `custom_domains` limit). */
export async function tenantDomains(tenantId: string): Promise<DomainItem[]> {
  const { data } = await domains.query.byTenant({ tenantId }).go({ table: config.tableName, pages: 'all' });
  return data;
}

/** Every domain still waiting for its TXT record, across tenants, for the verification job. */
export async function pendingDomains(): Promise<DomainItem[]> {
  const { data } = await domains.query
    .byStatus({ status: 'pending' })
    .go({ table: config.tableName, pages: 'all' });
  return data;
}
