import * as z from 'zod';
import { createOrganization } from '#services/identity/create-organization';
import {
  deleteOrganization,
  GRACE_DAYS,
  restoreOrganization,
} from '#services/identity/organization-lifecycle';
import {
  createOrganizationBody,
  organization,
  updateOrganizationBody,
} from '#services/identity/organization-schemas';
import {
  addressableOrganization,
  listOrganizations,
  listOwnOrganization,
  organizationsCount,
  organizationView,
  toOrganizationView,
} from '#services/identity/organizations';
import { orgIdParams } from '#services/identity/schemas';
import { updateOrganization } from '#services/identity/update-organization';
import { etagOf } from '#shared/http/etag';
import {
  listingOf,
  offsetListBody,
  offsetListSchema,
  offsetPageQuery,
  readOffsetPage,
} from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'identity';
const tags = ['Organizations'];

/** Seed 3's organization creation and seed 4's organization list and details. */
export const organizationRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations',
    operationId: 'createOrganization',
    summary: 'Create an organization (tenant) and invite its owner',
    tags,
    auth: 'operator',
    // Operators who sign in hold every scope; a platform key needs admin:orgs.
    scope: 'organization:write',
    request: { body: createOrganizationBody },
    responses: {
      201: { description: 'The organization; its owner was sent an invitation', schema: organization },
    },
    async handler({ identity, body }) {
      const created = await createOrganization(callerOf(identity), body);
      return { status: 201, body: toOrganizationView(created, 1) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations',
    operationId: 'listOrganizations',
    summary: 'List the organizations the caller belongs to (operators: every organization)',
    description:
      'Seed 4’s first call. A member or an organization’s API key sees its own organization (a person belongs to one); a platform operator sees every organization, those pending deletion included.',
    tags,
    auth: 'tenant',
    operators: true,
    scope: 'organization:read',
    request: { query: z.object(offsetPageQuery) },
    responses: {
      200: {
        description: 'A page of organizations, newest first, by cursor or by offset (seed 4)',
        schema: offsetListSchema('organizations', organization),
      },
    },
    async handler({ identity, query }) {
      const caller = callerOf(identity);
      const listing = listingOf('listOrganizations', caller.tenantId, { query });
      const operator = caller.principalType === 'operator';
      const read = operator ? listOrganizations : listOwnOrganization(caller.tenantId);
      const [page, total] = await Promise.all([
        readOffsetPage(listing, query, read),
        operator ? organizationsCount() : read({ limit: 1, position: null }).then((own) => own.items.length),
      ]);
      const views = await Promise.all(page.items.map(organizationView));
      return {
        status: 200,
        body: await offsetListBody(
          'organizations',
          listing,
          { ...page, items: views },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}',
    operationId: 'getOrganization',
    summary: 'Get an organization',
    description: 'Members may read their own organization; platform operators any.',
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: orgIdParams },
    responses: { 200: { description: 'The organization', schema: organization } },
    async handler({ identity, params }) {
      const found = await addressableOrganization(callerOf(identity), params.org_id);
      return {
        status: 200,
        body: await organizationView(found),
        headers: { ETag: etagOf(found.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/organizations/{org_id}',
    operationId: 'updateOrganization',
    summary: 'Update an organization’s details and settings (seed 4)',
    description:
      'Name, description, website, time zone and `settings.ip_allowlist`. The allowlist binds every credential of the organization, people and API keys alike, from the next request on; one that does not cover the address you call from is refused unless `confirm_lockout` is true. Send `If-Match` with the ETag of a read to refuse the update (412) if the organization changed since.',
    tags,
    auth: 'tenant',
    scope: 'organization:write',
    request: { params: orgIdParams, body: updateOrganizationBody },
    responses: { 200: { description: 'The organization as updated', schema: organization } },
    async handler({ identity, params, body, headers, sourceIp }) {
      const updated = await updateOrganization(callerOf(identity), params.org_id, body, {
        ifMatch: headers['if-match'],
        sourceIp,
      });
      return {
        status: 200,
        body: await organizationView(updated),
        headers: { ETag: etagOf(updated.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/organizations/{org_id}',
    operationId: 'deleteOrganization',
    summary: 'Delete an organization (its owner, or an operator)',
    description: `Every credential of the organization (people, API keys) is refused from this answer on. The organization is \`pending_deletion\` for ${GRACE_DAYS} days, during which an operator can restore it; then everything of it is purged (items, files, sign-ins, usage keys). Only the owner signed in as a person, or a platform operator, may delete it. Export first (\`POST /organizations/{org_id}/export\`) to keep a copy.`,
    tags,
    auth: 'tenant',
    scope: 'organization:write',
    request: { params: orgIdParams },
    responses: {
      202: { description: 'Pending deletion; `purge_after` says when it is purged', schema: organization },
    },
    async handler({ identity, params }) {
      const deleted = await deleteOrganization(callerOf(identity), params.org_id);
      return { status: 202, body: await organizationView(deleted) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/restore',
    operationId: 'restoreOrganization',
    summary: 'Restore an organization pending deletion (operators)',
    tags,
    auth: 'operator',
    scope: 'organization:write',
    request: { params: orgIdParams },
    responses: { 200: { description: 'The organization, active again', schema: organization } },
    async handler({ identity, params }) {
      const restored = await restoreOrganization(callerOf(identity), params.org_id);
      return { status: 200, body: await organizationView(restored) };
    },
  }),
];
