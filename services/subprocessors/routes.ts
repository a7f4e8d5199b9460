import { addSubprocessor } from '#services/subprocessors/add-subprocessor';
import { removeSubprocessor } from '#services/subprocessors/remove-subprocessor';
import {
  createSubprocessorBody,
  deleteSubprocessorQuery,
  listSubprocessorsQuery,
  subprocessor,
  subprocessorIdParams,
  updateSubprocessorBody,
} from '#services/subprocessors/schemas';
import { findSubprocessor, listSubprocessors } from '#services/subprocessors/store';
import { updateSubprocessor } from '#services/subprocessors/update-subprocessor';
import { toSubprocessorView } from '#services/subprocessors/view';
import { NotFoundError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'subprocessors';
const tags = ['Subprocessors'];
const changeEvents =
  'The `subprocessor.added|updated|removed` event lists each changed field with its value before and after, and the `effective_date` of the change (today by default).';

export const subprocessorRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/subprocessors',
    operationId: 'listSubprocessors',
    summary: 'List subprocessors',
    tags,
    auth: 'tenant',
    scope: 'subprocessors:read',
    request: { query: listSubprocessorsQuery },
    responses: {
      200: {
        description: 'A page of subprocessors, newest first',
        schema: listSchema('subprocessors', subprocessor),
      },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listSubprocessors', tenantId, { query });
      const page = await listSubprocessors(
        tenantId,
        { status: query.status },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      return {
        status: 200,
        body: await listBody('subprocessors', listing, page.items.map(toSubprocessorView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/subprocessors',
    operationId: 'createSubprocessor',
    summary: 'Add a subprocessor',
    description: changeEvents,
    tags,
    auth: 'tenant',
    scope: 'subprocessors:write',
    request: { body: createSubprocessorBody },
    responses: { 201: { description: 'The subprocessor was added', schema: subprocessor } },
    async handler({ identity, body }) {
      const item = await addSubprocessor(callerOf(identity), body);
      return { status: 201, body: toSubprocessorView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/subprocessors/{id}',
    operationId: 'getSubprocessor',
    summary: 'Get a subprocessor',
    tags,
    auth: 'tenant',
    scope: 'subprocessors:read',
    request: { params: subprocessorIdParams },
    responses: { 200: { description: 'The subprocessor', schema: subprocessor } },
    async handler({ identity, params }) {
      const item = await findSubprocessor(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such subprocessor', 'id');
      return { status: 200, body: toSubprocessorView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/subprocessors/{id}',
    operationId: 'updateSubprocessor',
    summary: 'Update a subprocessor',
    description: `Send \`If-Match\` with the ETag from a previous read to refuse the update (412) if the subprocessor changed since. An update that changes no value writes nothing and emits no event. ${changeEvents}`,
    tags,
    auth: 'tenant',
    scope: 'subprocessors:write',
    request: { params: subprocessorIdParams, body: updateSubprocessorBody },
    responses: { 200: { description: 'The updated subprocessor', schema: subprocessor } },
    async handler({ identity, params, body, headers }) {
      const item = await updateSubprocessor(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toSubprocessorView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/subprocessors/{id}',
    operationId: 'deleteSubprocessor',
    summary: 'Remove a subprocessor',
    description: `An \`If-Match\` header, when sent, must name the current version (else 412). ${changeEvents}`,
    tags,
    auth: 'tenant',
    scope: 'subprocessors:write',
    request: { params: subprocessorIdParams, query: deleteSubprocessorQuery },
    responses: { 204: { description: 'The subprocessor was removed' } },
    async handler({ identity, params, query, headers }) {
      await removeSubprocessor(callerOf(identity), params.id, {
        ifMatch: headers['if-match'],
        effectiveDate: query.effective_date,
      });
      return { status: 204 };
    },
  }),
];
