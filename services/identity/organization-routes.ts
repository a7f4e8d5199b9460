import * as z from 'zod';
import { createOrganization } from '#services/identity/create-organization';
import {
  addressableOrganization,
  listOrganizations,
  listOwnOrganization,
  membersCount,
  organizationsCount,
  toOrganizationView,
} from '#services/identity/organizations';
import { createOrganizationBody, organization, orgIdParams } from '#services/identity/schemas';
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
      const views = await Promise.all(
        page.items.map(async (item) => toOrganizationView(item, await membersCount(item.orgId))),
      );
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
      return { status: 200, body: toOrganizationView(found, await membersCount(found.orgId)) };
    },
  }),
];
