import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BrandView } from '#services/brand/public';
import type { CertificationView } from '#services/certifications/public';
import type { DocumentView } from '#services/documents/public';
import type { FaqView } from '#services/faqs/public';
import { CONTENT_EVENTS, SNAPSHOT_EVENTS } from '#services/trust-center/consumers';
import { snapshotOverview } from '#services/trust-center/snapshot';
import {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_MAX_BYTES,
  type TrustCenterSnapshot,
} from '#services/trust-center/snapshot-codec';

const brand = {
  title: 'Acme',
  tagline: { en: 'Secure by design', de: 'Sicher von Anfang an', fr: null },
  intro: { en: null, de: null, fr: null },
  logo: null,
  primary_color: '#1f4e79',
  footer_text: null,
  security_contact: 'security@acme.example',
  privacy_policy_url: null,
  default_language: 'en',
  languages: ['en', 'de'],
  updated_at: '2026-11-01T10:00:00.000Z',
} as unknown as BrandView;

const certification = {
  id: 'cert_1',
  framework: 'SOC 2 Type II',
  issuer: 'Auditors LLP',
  issued_at: '2026-01-10',
  expires_at: '2027-01-10',
  description: 'Annual audit',
  translations: { de: { description: 'Jährliche Prüfung' } },
  status: 'expiring',
  file: null,
  created_at: '2026-01-10T00:00:00.000Z',
  updated_at: '2026-01-10T00:00:00.000Z',
} as unknown as CertificationView;

const faq = (id: string, language: string, question: string) =>
  ({
    id,
    question,
    answer: 'Yes.',
    category: null,
    language,
    updated_at: '2026-02-01T00:00:00.000Z',
  }) as unknown as FaqView;

const snapshot: TrustCenterSnapshot = {
  format: SNAPSHOT_FORMAT,
  builtAt: '2026-12-20T12:00:00.000Z',
  brand,
  certifications: [certification],
  documents: [
    {
      id: 'doc_1',
      title: 'Pen test',
      description: null,
      access_level: 'requires_nda',
      category: 'security',
      featured: true,
      language: 'en',
      translations: { de: { title: 'Penetrationstest' } },
      updated_at: '2026-11-29T00:00:00.000Z',
    } as unknown as DocumentView,
  ],
  faqs: [faq('faq_1', 'en', 'Do you encrypt?'), faq('faq_2', 'de', 'Verschlüsseln Sie?')],
  subprocessors: [],
  ndas: {
    en: { version: 3, language: 'en', source: 'tenant', body: 'Mutual NDA' },
    de: { version: 3, language: 'en', source: 'tenant', body: 'Mutual NDA' },
    fr: { version: 3, language: 'en', source: 'tenant', body: 'Mutual NDA' },
  } as TrustCenterSnapshot['ndas'],
};

describe('a stored snapshot', () => {
  it('reads back as it was written, compressed', () => {
    const body = encodeSnapshot(snapshot);

    expect(decodeSnapshot(body)).toEqual(snapshot);
    expect(body.byteLength).toBeLessThan(Buffer.byteLength(JSON.stringify(snapshot)));
  });

  it('of another format, or unreadable, reads as no snapshot (the reader builds a new one)', () => {
    const older = gzipSync(JSON.stringify({ ...snapshot, format: SNAPSHOT_FORMAT - 1 }));

    expect(decodeSnapshot(older)).toBeNull();
    expect(decodeSnapshot(Buffer.from('not gzip'))).toBeNull();
    expect(decodeSnapshot(gzipSync('null'))).toBeNull();
  });

  it('fits a DynamoDB item (400 KB) with room for the rest of the item', () => {
    expect(SNAPSHOT_MAX_BYTES).toBeLessThanOrEqual(400 * 1024 - 10 * 1024);
  });
});

describe('the overview of a snapshot', () => {
  it("computes each certification's status for the reader's day, not the build's", () => {
    const beforeTheWindow = snapshotOverview(snapshot, 'en', new Date('2026-11-01T12:00:00Z'));
    const inTheWindow = snapshotOverview(snapshot, 'en', new Date('2026-12-15T00:00:00Z'));
    const afterExpiry = snapshotOverview(snapshot, 'en', new Date('2027-01-11T00:00:00Z'));

    expect(beforeTheWindow.certifications[0]?.status).toBe('valid');
    expect(inTheWindow.certifications[0]?.status).toBe('expiring');
    expect(afterExpiry.certifications[0]?.status).toBe('expired');
  });

  it("is in the visitor's language, falling back to the default where nothing is translated", () => {
    const german = snapshotOverview(snapshot, 'de', new Date('2026-11-30T12:00:00Z'));

    expect(german.brand.tagline).toBe('Sicher von Anfang an');
    expect(german.documents[0]?.title).toBe('Penetrationstest');
    expect(german.certifications[0]?.description).toBe('Jährliche Prüfung');
    expect(german.faqs.map((item) => item.question)).toEqual(['Verschlüsseln Sie?']);
    expect(german.nda).toEqual({ version: 3, language: 'en', source: 'tenant', body: 'Mutual NDA' });
    expect(german.updated_at).toBe('2026-11-29T00:00:00.000Z');
  });
});

describe("the snapshot's events", () => {
  it('are the content events but the knowledge base’s, which the search reads live', () => {
    expect(SNAPSHOT_EVENTS).toEqual(CONTENT_EVENTS.filter((type) => !type.startsWith('knowledge_base.')));
    expect(SNAPSHOT_EVENTS).toContain('nda.created');
    expect(SNAPSHOT_EVENTS).toContain('organization.updated');
  });
});
