import * as z from 'zod';
import { NO_RULES } from '#services/access-requests/auto-approval';
import { putAutoApproval } from '#services/access-requests/auto-approval-settings';
import { ndaRecordsCsv, ndaRecordsOfCustomer } from '#services/access-requests/nda-records-export';
import { listNdaVersions } from '#services/access-requests/nda-store';
import { createNda, defaultNdaSummaries } from '#services/access-requests/ndas';
import { publicAccessRoutes } from '#services/access-requests/public-routes';
import { reviewAccessRequest } from '#services/access-requests/review-access-request';
import { revokeAccess } from '#services/access-requests/revoke-access';
import {
  accessRequest,
  accessRequestIdParams,
  accountIdParams,
  autoApprovalRules,
  autoApprovalView,
  createNdaBody,
  listAccessRequestsQuery,
  listNdasQuery,
  ndaRecord,
  ndaRecordExportQuery,
  ndaSummary,
  reviewAccessRequestBody,
  revokeAccessBody,
} from '#services/access-requests/schemas';
import { findAccessRequest, findAutoApproval, listAccessRequests } from '#services/access-requests/store';
import { toAccessRequestView, toAutoApprovalView, toNdaSummaryView } from '#services/access-requests/view';
import { attachmentDisposition } from '#shared/content-disposition';
import { NotFoundError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'access-requests';
const tags = ['Access requests'];

const reviewRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/access-requests',
    operationId: 'listAccessRequests',
    summary: 'List access requests',
    description:
      'Newest first; `review_status=to_review` lists the requests waiting for a decision (seed 1).',
    tags,
    auth: 'tenant',
    scope: 'access_requests:read',
    request: { query: listAccessRequestsQuery },
    responses: {
      200: { description: 'A page of access requests', schema: listSchema('access_requests', accessRequest) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listAccessRequests', tenantId, { query });
      const page = await listAccessRequests(tenantId, query.review_status, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('access_requests', listing, page.items.map(toAccessRequestView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/access-requests/auto-approval',
    operationId: 'getAutoApprovalRules',
    summary: 'Read the auto-approval rules',
    tags,
    auth: 'tenant',
    scope: 'access_requests:read',
    responses: { 200: { description: 'The rules (defaults until set)', schema: autoApprovalView } },
    async handler({ identity }) {
      const item = await findAutoApproval(callerOf(identity).tenantId);
      return {
        status: 200,
        body: toAutoApprovalView(item, NO_RULES),
        headers: { ETag: etagOf(item?.version ?? 0) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'PUT',
    path: '/api/v1/access-requests/auto-approval',
    operationId: 'putAutoApprovalRules',
    summary: 'Replace the auto-approval rules',
    description:
      'Rules are applied to each submission in this order, and the first that applies decides: `denied_domains` (rejected), `block_free_mail` (rejected), `allowed_domains` (approved), `approve_known_account_domains` (approved when a customer account lists the email domain), `approve_master_nda_accounts` (approved when that account has a master NDA). A domain rule covers its subdomains. Otherwise the request waits for review. Approvals grant `grant_days` days.',
    tags,
    auth: 'tenant',
    scope: 'access_requests:write',
    request: { body: autoApprovalRules },
    responses: { 200: { description: 'The new rules', schema: autoApprovalView } },
    async handler({ identity, body, headers }) {
      const item = await putAutoApproval(callerOf(identity), body, headers['if-match']);
      return {
        status: 200,
        body: toAutoApprovalView(item, NO_RULES),
        headers: { ETag: etagOf(item.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/access-requests/{id}',
    operationId: 'getAccessRequest',
    summary: 'Get an access request',
    tags,
    auth: 'tenant',
    scope: 'access_requests:read',
    request: { params: accessRequestIdParams },
    responses: { 200: { description: 'The access request', schema: accessRequest } },
    async handler({ identity, params }) {
      const item = await findAccessRequest(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such access request', 'id');
      return { status: 200, body: toAccessRequestView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/access-requests/{id}',
    operationId: 'reviewAccessRequest',
    summary: 'Approve or reject an access request',
    description:
      'Seed 1: `{"review_status": "approved"}` approves and triggers the email with a single-use magic link to a grant of the requested documents for `expires_in_days` (the auto-approval `grant_days` by default); `rejected` mails the visitor a notice. A decided request cannot be decided again (409): to end an approved request\'s access, `POST /api/v1/access-requests/{id}/revoke`.',
    tags,
    auth: 'tenant',
    scope: 'access_requests:write',
    request: { params: accessRequestIdParams, body: reviewAccessRequestBody },
    responses: { 200: { description: 'The decided access request', schema: accessRequest } },
    async handler({ identity, params, body, headers }) {
      const item = await reviewAccessRequest(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toAccessRequestView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/access-requests/{id}/revoke',
    operationId: 'revokeAccess',
    summary: 'Revoke the access an approved request granted',
    description:
      "Ends the request's grant at once, however it was approved: the visitor's sessions answer 401 from the next request and unused magic links stop working. Optional `reason` (kept in the audit log, not mailed). Raises `access.revoked`. Revoking again changes nothing and answers 200; a request that was not approved has no grant (409). The access request keeps `review_status: approved` and shows `grant.revoked_at`.",
    tags,
    auth: 'tenant',
    scope: 'access_requests:write',
    request: { params: accessRequestIdParams, body: revokeAccessBody },
    responses: { 200: { description: 'The access request, its grant revoked', schema: accessRequest } },
    async handler({ identity, params, body, headers }) {
      const item = await revokeAccess(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toAccessRequestView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
];

const ndaRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/ndas',
    operationId: 'createNda',
    summary: 'Publish a new NDA version',
    description:
      "Versions are numbered from 1 and never change; visitors accept the newest. The response carries the SHA-256 of the body that every acceptance of this version records. The first version replaces the platform's default NDA, which visitors accept until then.",
    tags: ['NDAs'],
    auth: 'tenant',
    scope: 'access_requests:write',
    request: { body: createNdaBody },
    responses: { 201: { description: 'The new version', schema: ndaSummary } },
    async handler({ identity, body }) {
      return { status: 201, body: toNdaSummaryView(await createNda(callerOf(identity), body)) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/ndas',
    operationId: 'listNdas',
    summary: 'List NDA versions',
    description:
      "Newest first. While the trust center has published no NDA, the list holds the platform's default mutual NDA, one per language (`source: platform_default`, `version` such as `default-en-1`): the texts visitors accept for NDA-gated documents until the first `POST /api/v1/ndas`. Review them, or publish your own.",
    tags: ['NDAs'],
    auth: 'tenant',
    scope: 'access_requests:read',
    request: { query: listNdasQuery },
    responses: { 200: { description: 'A page of NDA versions', schema: listSchema('ndas', ndaSummary) } },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listNdas', tenantId, { query });
      const position = await openCursor(listing, query.cursor);
      const page = await listNdaVersions(tenantId, { limit: query.limit, position });
      // Nothing published: the defaults are what visitors accept, so the admin sees them here.
      const ndas =
        position === null && page.items.length === 0
          ? defaultNdaSummaries().slice(0, query.limit)
          : page.items.map(toNdaSummaryView);
      return { status: 200, body: await listBody('ndas', listing, ndas, page.position) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/accounts/{id}/nda-records',
    operationId: 'exportAccountNdaRecords',
    summary: "Export a customer account's NDA acceptance records",
    description:
      'Every acceptance signed from one of the account\'s email domains or on a request matched to the account, oldest first: as `{"nda_records": [...]}` or, with `format=csv`, as CSV with a header row (RFC 4180; values a spreadsheet would run as a formula are prefixed with an apostrophe).',
    tags: ['NDAs'],
    auth: 'tenant',
    scope: 'access_requests:read',
    request: { params: accountIdParams, query: ndaRecordExportQuery },
    responses: {
      200: {
        description: 'The records',
        schema: z.object({ nda_records: z.array(ndaRecord) }).meta({ id: 'NdaRecordExport' }),
        alternatives: { 'text/csv': z.string() },
      },
    },
    async handler({ identity, params, query }) {
      const records = await ndaRecordsOfCustomer(callerOf(identity).tenantId, params.id);
      if (query.format === 'json') return { status: 200, body: { nda_records: records } };
      return {
        status: 200,
        body: ndaRecordsCsv(records),
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': attachmentDisposition(`nda-records-${params.id}`, 'csv'),
        },
      };
    },
  }),
];

export const accessRequestRoutes = [...publicAccessRoutes, ...reviewRoutes, ...ndaRoutes];
