// THROWAWAY STUB on branch issue-site, replaced by issue #13's services/trust-center/public.ts when it merges.
import type { AccessLevel } from '#shared/access-levels';
import type { Language } from '#shared/languages';

/** Everything the overview shows (stub of #13's shape). */
export interface TrustCenterOverview {
  language: Language;
  default_language: Language;
  languages: Language[];
  brand: { title: string; tagline: string | null; intro: string | null; logo_url: string | null };
  contact: { security_email: string | null; privacy_policy_url: string | null };
  certifications: {
    id: string;
    framework: string;
    issuer: string;
    issued_at: string;
    expires_at: string;
    status: 'valid' | 'expiring' | 'expired';
    description: string | null;
  }[];
  documents: {
    id: string;
    title: string;
    description: string | null;
    category: string | null;
    access_level: AccessLevel;
    featured: boolean;
    language: Language;
    updated_at: string;
  }[];
  faqs: { id: string; question: string; answer: string; category: string | null; language: Language }[];
  subprocessors: {
    id: string;
    name: string;
    purpose: string;
    data_categories: string[];
    location: string;
    website: string | null;
    status: 'active' | 'planned';
  }[];
  nda: { version: number | string; language: string; source: 'tenant' | 'platform_default'; body: string };
  updated_at: string | null;
}

/** Stub: a fixed sample. */
export async function trustCenterOverview(
  _tenantId: string,
  language: Language,
): Promise<TrustCenterOverview> {
  const now = new Date().toISOString();
  return {
    language,
    default_language: 'en',
    languages: ['en', 'de', 'fr'],
    brand: { title: 'Demo Company', tagline: null, intro: null, logo_url: null },
    contact: { security_email: 'security@example.com', privacy_policy_url: null },
    certifications: [
      {
        id: 'cert_1',
        framework: 'ISO 27001',
        issuer: 'TÜV',
        issued_at: '2024-07-01',
        expires_at: '2027-06-30',
        status: 'valid',
        description: null,
      },
    ],
    documents: [
      {
        id: 'doc_1',
        title: 'Security overview',
        description: 'How we work',
        category: 'Policies',
        access_level: 'public',
        featured: true,
        language,
        updated_at: now,
      },
      {
        id: 'doc_2',
        title: 'SOC 2 report',
        description: null,
        category: 'Reports',
        access_level: 'requires_nda',
        featured: true,
        language,
        updated_at: now,
      },
    ],
    faqs: [{ id: 'faq_1', question: 'Do you encrypt data?', answer: 'Yes.', category: null, language }],
    subprocessors: [
      {
        id: 'sub_1',
        name: 'Amazon Web Services',
        purpose: 'Hosting',
        data_categories: ['Customer data'],
        location: 'DE',
        website: 'https://aws.amazon.com',
        status: 'active',
      },
    ],
    nda: { version: 'default-en-1', language: 'en', source: 'platform_default', body: 'NDA' },
    updated_at: now,
  };
}

/** Stub: knowledge-base hits. */
export async function searchTrustCenter(
  _tenantId: string,
  language: Language,
  query: string,
): Promise<{
  language: Language;
  results: {
    id: string;
    question: string;
    answer: string;
    tags: string[];
    language: Language;
    score: number;
  }[];
  total: number;
}> {
  return query
    ? {
        language,
        results: [{ id: 'kb_1', question: 'Encryption', answer: 'AES-256', tags: [], language, score: 1 }],
        total: 1,
      }
    : { language, results: [], total: 0 };
}
