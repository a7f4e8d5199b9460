import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDocumentDownload, recordPageView } from '#services/analytics/public';

const saved = { ...process.env };

describe('recording a visit', () => {
  beforeAll(() => {
    // A table nobody answers for: every DynamoDB call fails at once (connection refused).
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_MAX_ATTEMPTS: '1',
      TC_ENDPOINT_DYNAMODB: 'http://127.0.0.1:9',
      TC_CURSOR_SECRET: 'x'.repeat(32),
    });
  });
  afterAll(() => {
    process.env = saved;
  });

  it('never fails the page it records: a table that does not answer is logged, not thrown', async () => {
    const visit = recordPageView({
      tenantId: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
      route: 'documents',
      language: 'en',
      host: 'acme.localhost',
      headers: {
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      },
      sourceIp: '203.0.113.7',
    });
    const download = recordDocumentDownload({
      tenantId: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
      documentId: 'doc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
      kind: 'public',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    });

    await expect(visit).resolves.toBeUndefined();
    await expect(download).resolves.toBeUndefined();
  });
});
