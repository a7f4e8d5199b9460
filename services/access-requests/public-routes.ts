import { currentNda } from '#services/access-requests/ndas';
import { publicTenant } from '#services/access-requests/public-tenant';
import {
  challengeQuery,
  currentNdaQuery,
  exchangeTokenBody,
  grantedDocument,
  grantedDocumentParams,
  ndaText,
  powChallenge,
  submitAccessRequestBody,
  submittedAccessRequest,
  visitorSession,
} from '#services/access-requests/schemas';
import { submitAccessRequest } from '#services/access-requests/submit-access-request';
import {
  exchangeMagicLink,
  grantedDocuments,
  grantedDownload,
  visitorOf,
} from '#services/access-requests/visitor-access';
import { documentDownloadUrl } from '#services/documents/public';
import { listSchema } from '#shared/http/pagination';
import { issueChallenge } from '#shared/http/proof-of-work';
import { defineRoute } from '#shared/http/route';

const service = 'access-requests';
const tags = ['Access requests'];
const THROTTLED =
  'Public: no credential; the trust center is the one the request’s host names (`org_id` is deprecated). Throttled per client by API Gateway stage and method throttling in AWS.';
const VISITOR =
  'Public route with its own bearer: send the visitor session (`Authorization: Bearer vs_…`) from `POST /api/v1/public/access/session`.';

/** The visitor's side: the trust center's request form, the magic-link exchange and the granted documents. */
export const publicAccessRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/access-requests/challenge',
    operationId: 'getAccessRequestChallenge',
    summary: 'Get a proof-of-work challenge for the access request form',
    description: `${THROTTLED} Find a \`nonce\` such that SHA-256(challenge + nonce), as UTF-8, starts with \`difficulty\` zero bits, and send both with the request. A challenge is signed, bound to the organization, expires after ten minutes and is accepted once.`,
    tags,
    auth: 'public',
    request: { query: challengeQuery },
    responses: { 200: { description: 'A signed challenge', schema: powChallenge } },
    async handler({ query, headers }) {
      const { tenantId } = await publicTenant(headers, query.org_id);
      return {
        status: 200,
        body: await issueChallenge(tenantId, 'access-request'),
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/public/access-requests',
    operationId: 'submitAccessRequest',
    summary: 'Ask for access to documents',
    description: `${THROTTLED} Needs a solved proof-of-work challenge (400 \`pow\` when missing, wrong, expired or reused). Documents that require an NDA need \`nda_accepted: true\` (else 400 \`nda_accepted\`); the acceptance is recorded with the NDA version (\`nda_version\`, else the current one: the English platform default while the trust center has published no NDA), its SHA-256, the signer, IP address and user agent. The tenant's auto-approval rules may approve or reject at once (\`review_status\`): an approval is mailed (the magic link), a rule's rejection is not (this answer says it; the address is unverified), a reviewer's decision is. Limited per mailbox (lower-cased, without \`+tag\`, Gmail dots ignored), per source address and per trust center: past a limit the answer is 429 with \`Retry-After\`. \`website\` is a honeypot: a request that fills it is answered like any other and dropped.`,
    tags,
    auth: 'public',
    request: { body: submitAccessRequestBody },
    responses: { 201: { description: 'The request was received', schema: submittedAccessRequest } },
    async handler({ body, sourceIp, headers }) {
      const submitted = await submitAccessRequest(body, {
        ip: sourceIp,
        userAgent: headers['user-agent'],
        headers,
      });
      return { status: 201, body: submitted };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/ndas/current',
    operationId: 'getCurrentNda',
    summary: 'Read the NDA a visitor accepts',
    description: `${THROTTLED} The newest version in \`language\`, or in the trust center's default language when absent (else the newest in any language); send its \`version\` as \`nda_version\` with the request. Every trust center has one: while it has published none, this is the platform's default mutual NDA (\`source: platform_default\`, \`version\` such as \`default-en-1\`) in that language, until its first published NDA replaces it.`,
    tags: ['NDAs'],
    auth: 'public',
    request: { query: currentNdaQuery },
    responses: { 200: { description: 'The current NDA text', schema: ndaText } },
    async handler({ query, headers }) {
      const { tenantId } = await publicTenant(headers, query.org_id);
      return { status: 200, body: await currentNda(tenantId, query.language) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/public/access/session',
    operationId: 'startVisitorSession',
    summary: "Exchange a magic link's token for a visitor session",
    description: `${THROTTLED} A magic link works once: a second exchange, like an unknown or expired token, is a 404. The session lasts 12 hours, never beyond the grant.`,
    tags,
    auth: 'public',
    request: { body: exchangeTokenBody },
    responses: { 201: { description: 'A visitor session', schema: visitorSession } },
    async handler({ body, sourceIp, headers }) {
      const { sessionToken, session, grant } = await exchangeMagicLink(body.token, {
        ip: sourceIp,
        userAgent: headers['user-agent']?.slice(0, 512),
      });
      return {
        status: 201,
        body: {
          session_token: sessionToken,
          expires_at: session.expiresAt,
          grant_expires_at: grant.expiresAt,
          email: session.email,
        },
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/access/documents',
    operationId: 'listGrantedDocuments',
    summary: "List the documents of the visitor's grant",
    description: `${VISITOR} A grant holds at most 50 documents, so the list is one page.`,
    tags,
    auth: 'public',
    responses: {
      200: { description: 'The granted documents', schema: listSchema('documents', grantedDocument) },
    },
    async handler({ headers }) {
      const { grant } = await visitorOf(headers.authorization);
      return {
        status: 200,
        body: { documents: await grantedDocuments(grant), has_more: false, next_cursor: null },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/access/documents/{id}/download-url',
    operationId: 'getGrantedDocumentDownloadUrl',
    summary: 'Get a download link for a granted document',
    description: `${VISITOR} A short-lived presigned URL; restricted and NDA-gated PDFs are stamped on every page with the visitor's email and the date. A document outside the grant is a 404.`,
    tags,
    auth: 'public',
    request: { params: grantedDocumentParams },
    responses: { 200: { description: 'A presigned download link', schema: documentDownloadUrl } },
    async handler({ headers, params }) {
      const visitor = await visitorOf(headers.authorization);
      return {
        status: 200,
        body: await grantedDownload(visitor, params.id),
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
];
