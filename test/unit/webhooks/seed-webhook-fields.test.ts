import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { accessRequestEvents } from '#services/access-requests/events';
import type { accountEvents } from '#services/accounts/events';
import type { CERTIFICATION_STATUSES } from '#services/certifications/certification-status';
import type { certificationEvents } from '#services/certifications/events';
import type { documentEvents } from '#services/documents/events';
import type { identityEvents } from '#services/identity/events';
import { eventCatalogue } from '#services/registry';
import { signedRequest, webhookData } from '#services/webhooks/payload';
import { newWebhookSecret } from '#services/webhooks/secret-box';
import type { DomainEvent } from '#shared/events/envelope';
import {
  SEED_WEBHOOK_EVENT_TYPES,
  SEED_WEBHOOK_FIELDS,
  type SeedWebhookEventType,
} from '#shared/events/seed-webhook-fields';

/**
 * Seed 2's webhook events ("Account Created, Document Uploaded, Access Granted, Certification Updated, User
 * Invited") carry the flat fields its payload example shows (`data.account_id`, `name`, `status`) beside the rich
 * data, in the body and in the published schema.
 */
const SEED_2_EVENTS = [
  'account.created',
  'document.uploaded',
  'access.granted',
  'certification.updated',
  'user.invited',
] as const;

const at = '2025-01-15T10:00:00.000Z';
const sha256 = 'a'.repeat(64);

/** One event data of each seed 2 type, as its service emits it (each is checked against the catalogue). */
const SAMPLE_DATA: Record<SeedWebhookEventType, unknown> = {
  'account.created': {
    account: {
      id: 'acc_123',
      title: 'Acme Corporation',
      description: null,
      contacts: [],
      nda: { status: 'none', signed_at: null },
      access_expires_at: null,
      email_domains: ['acme.example'],
      created_at: at,
      updated_at: at,
    },
  },
  'document.uploaded': {
    document: {
      id: 'doc_1',
      title: 'SOC 2 Type II Report',
      description: null,
      access_level: 'requires_nda',
      category: null,
      featured: false,
      language: 'en',
      file: { version_id: 'ver_1', content_type: 'application/pdf', size: 10, sha256, uploaded_at: at },
      watermark: { applies: true, skipped_reason: null },
      created_at: at,
      updated_at: at,
    },
    version: { version_id: 'ver_1', content_type: 'application/pdf', size: 10, sha256, uploaded_at: at },
    size: 10,
  },
  'access.granted': {
    grant: {
      id: 'grt_1',
      access_request_id: 'req_1',
      email: 'visitor@acme.example',
      document_ids: ['doc_1'],
      expires_at: '2025-02-14T10:00:00.000Z',
      created_at: at,
      revoked_at: null,
    },
    account: { id: 'acc_123' },
    documents: [{ id: 'doc_1', title: 'SOC 2 Type II Report', access_level: 'requires_nda' }],
  },
  'certification.updated': {
    certification: {
      id: 'cert_1',
      framework: 'ISO 27001',
      issuer: 'BSI',
      issued_at: '2025-01-01',
      expires_at: '2028-01-01',
      description: null,
      status: 'valid',
      file: null,
      created_at: at,
      updated_at: at,
    },
    changed: ['issuer'],
  },
  'user.invited': { invitation: { id: 'inv_1', email: 'new@acme.example', role: 'editor' } },
};

/** The seed 2 fields each sample must yield. */
const EXPECTED: Record<SeedWebhookEventType, Record<string, unknown>> = {
  'account.created': { account_id: 'acc_123', name: 'Acme Corporation', status: 'active' },
  'document.uploaded': {
    document_id: 'doc_1',
    name: 'SOC 2 Type II Report',
    title: 'SOC 2 Type II Report',
    access_level: 'requires_nda',
    status: 'available',
  },
  'access.granted': {
    grant_id: 'grt_1',
    email: 'visitor@acme.example',
    document_ids: ['doc_1'],
    account_id: 'acc_123',
    expires_at: '2025-02-14T10:00:00.000Z',
    status: 'active',
  },
  'certification.updated': {
    certification_id: 'cert_1',
    name: 'ISO 27001',
    status: 'valid',
    expires_at: '2028-01-01',
  },
  'user.invited': {
    invitation_id: 'inv_1',
    email: 'new@acme.example',
    role: 'editor',
    status: 'pending_invite',
  },
};

const definitionOf = (type: string) => {
  const definition = eventCatalogue.find((candidate) => candidate.type === type);
  if (!definition) throw new Error(`${type} is not in the event catalogue`);
  return definition;
};

const eventOf = (type: string, data: unknown): DomainEvent => ({
  id: 'evt_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  type,
  tenant_id: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  occurred_at: at,
  actor: { type: 'user', id: 'usr_1' },
  data,
});

/** The committed OpenAPI document's payload schema of one webhook, as a validator (refs made local). */
function publishedPayloadSchema(type: string): z.ZodType {
  const document = JSON.parse(readFileSync('shared/openapi/openapi.json', 'utf8'));
  const schema = document.webhooks[type].post.requestBody.content['application/json'].schema;
  const selfContained = JSON.stringify({ ...schema, $defs: document.components.schemas }).replaceAll(
    '#/components/schemas/',
    '#/$defs/',
  );
  return z.fromJSONSchema(JSON.parse(selfContained));
}

describe("seed 2's webhook fields", () => {
  it('map every event type seed 2 names, and only those, each a webhook event of the catalogue', () => {
    expect([...SEED_WEBHOOK_EVENT_TYPES].sort()).toEqual([...SEED_2_EVENTS].sort());
    for (const type of SEED_2_EVENTS) expect(definitionOf(type).webhook).not.toBe(false);
  });

  it("read only what each event's catalogue data holds (checked by the compiler)", () => {
    type DataOf<E extends readonly { type: string; data: z.ZodType }[], T extends string> = z.output<
      Extract<E[number], { type: T }>['data']
    >;
    type Reads<T extends SeedWebhookEventType> = z.input<(typeof SEED_WEBHOOK_FIELDS)[T]['reads']>;

    expectTypeOf<DataOf<typeof accountEvents, 'account.created'>>().toExtend<Reads<'account.created'>>();
    expectTypeOf<DataOf<typeof documentEvents, 'document.uploaded'>>().toExtend<Reads<'document.uploaded'>>();
    expectTypeOf<DataOf<typeof accessRequestEvents, 'access.granted'>>().toExtend<Reads<'access.granted'>>();
    expectTypeOf<DataOf<typeof certificationEvents, 'certification.updated'>>().toExtend<
      Reads<'certification.updated'>
    >();
    expectTypeOf<DataOf<typeof identityEvents, 'user.invited'>>().toExtend<Reads<'user.invited'>>();
    expectTypeOf<
      z.output<(typeof SEED_WEBHOOK_FIELDS)['certification.updated']['fields']>['status']
    >().toEqualTypeOf<(typeof CERTIFICATION_STATUSES)[number]>();
  });

  it('never shadow a member of the event data they sit beside', () => {
    for (const type of SEED_2_EVENTS) {
      const data = definitionOf(type).data;
      const own = data instanceof z.ZodObject ? Object.keys(data.shape) : [];

      expect(own.length, `${type} data is an object`).toBeGreaterThan(0);
      expect(own.filter((key) => key in SEED_WEBHOOK_FIELDS[type].fields.shape)).toEqual([]);
    }
  });

  it.each(SEED_2_EVENTS)(
    'are delivered in %s data beside the rich data, as the published schema says',
    (type) => {
      const data = definitionOf(type).data.parse(SAMPLE_DATA[type]);
      const secret = newWebhookSecret();

      const { body } = signedRequest(eventOf(type, data), secret, new Date());
      const payload = JSON.parse(body);

      expect(payload.data).toEqual({ ...(data as object), ...EXPECTED[type] });
      const published = publishedPayloadSchema(type).safeParse(payload);
      expect(published.error?.issues ?? []).toEqual([]);
    },
  );

  it('leave the data of event types seed 2 does not name as it is', () => {
    const data = { account: { id: 'acc_123', title: 'Acme' }, changed: ['title'] };

    expect(webhookData(eventOf('account.updated', data))).toBe(data);
  });

  it('never hold back a delivery whose data lacks their sources: the rich data goes alone', () => {
    const data = { account: { id: 'acc_123' } };

    expect(webhookData(eventOf('account.created', data))).toBe(data);
  });
});
