// THROWAWAY STUB on branch issue-site, replaced by issue #13's services/trust-center/public.ts when it merges.
import type { Language } from '#shared/languages';

/** Everything the overview shows (stub shape). */
export interface TrustCenterOverview {
  certifications: {
    id: string;
    framework: string;
    issuer: string;
    expires_at: string;
    status: 'valid' | 'expiring' | 'expired';
  }[];
  documents: {
    id: string;
    title: string;
    description: string | null;
    category: string | null;
    access_level: 'public' | 'restricted' | 'nda';
    featured: boolean;
  }[];
  subprocessors: {
    id: string;
    name: string;
    purpose: string;
    data_categories: string[];
    location: string;
    website: string | null;
  }[];
  faqs: { id: string; question: string; answer: string; category: string | null }[];
}

/** Stub: a fixed sample. */
export async function trustCenterOverview(
  _tenantId: string,
  _language: Language,
): Promise<TrustCenterOverview> {
  return {
    certifications: [
      { id: 'cert_1', framework: 'ISO 27001', issuer: 'TÜV', expires_at: '2027-06-30', status: 'valid' },
    ],
    documents: [
      {
        id: 'doc_1',
        title: 'Security overview',
        description: 'How we work',
        category: 'Policies',
        access_level: 'public',
        featured: true,
      },
      {
        id: 'doc_2',
        title: 'SOC 2 report',
        description: null,
        category: 'Reports',
        access_level: 'nda',
        featured: true,
      },
    ],
    subprocessors: [
      {
        id: 'sub_1',
        name: 'Amazon Web Services',
        purpose: 'Hosting',
        data_categories: ['Customer data'],
        location: 'DE',
        website: 'https://aws.amazon.com',
      },
    ],
    faqs: [
      {
        id: 'faq_1',
        question: 'Do you encrypt data?',
        answer: 'Yes, at rest and in transit.',
        category: null,
      },
    ],
  };
}

/** Stub: knowledge-base hits. */
export async function searchTrustCenter(
  _tenantId: string,
  _language: Language,
  query: string,
): Promise<{ results: { id: string; question: string; answer: string; score: number }[]; total: number }> {
  return query
    ? { results: [{ id: 'kb_1', question: 'Encryption', answer: 'AES-256', score: 1 }], total: 1 }
    : { results: [], total: 0 };
}
