import * as z from 'zod';
import {
  EXPORT_LINK_TTL_SECONDS,
  EXPORT_VIEW_STATUSES,
  organizationExport,
  requestOrganizationExport,
} from '#services/identity/organization-export';
import { orgIdParams } from '#services/identity/schemas';
import { ORGANIZATION_EXPORT_RETENTION } from '#shared/aws/object-retention';
import { callerOf, defineRoute } from '#shared/http/route';
import { idPattern } from '#shared/ids';

const service = 'identity';
const tags = ['Organizations'];

const exportIdParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  export_id: z.string().regex(idPattern('organizationExport'), 'Not an export id'),
});

const organizationExportSchema = z
  .object({
    id: z.string(),
    organization_id: z.string(),
    status: z
      .enum(EXPORT_VIEW_STATUSES)
      .describe(
        `\`pending\` until the archive is stored, then \`ready\`; \`expired\` once the archive is deleted, ${ORGANIZATION_EXPORT_RETENTION.days} days after it was stored (ask for a new export).`,
      ),
    requested_at: z.iso.datetime(),
    requested_by: z.string(),
    completed_at: z.iso.datetime().nullable(),
    expires_at: z.iso
      .datetime()
      .nullable()
      .describe(
        `When the archive is deleted: \`completed_at\` plus ${ORGANIZATION_EXPORT_RETENTION.days} days. Null while pending.`,
      ),
    size_bytes: z.number().int().nullable().describe('The archive’s size, once ready.'),
    counts: z
      .record(z.string(), z.number().int())
      .nullable()
      .describe('Records per resource kind in the archive, and `files`; once ready.'),
    download_url: z
      .string()
      .nullable()
      .describe(
        `While ready: a link to the ZIP, valid ${EXPORT_LINK_TTL_SECONDS} seconds; read again for a new one.`,
      ),
    download_url_expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OrganizationExport' });

const ARCHIVE = `One ZIP: \`manifest.json\` (counts, files), \`resources/<kind>.json\` (every resource of the organization, by kind: accounts, documents, certifications, FAQs, knowledge base, subprocessors, access requests, NDAs, members, invitations, API keys, webhooks and deliveries, notification settings, brand, domains, audit log, subscription, invoices…) and \`files/…\` (every stored file, byte for byte: document versions, certificates, logos, invoice PDFs). No secret is exported: key and token hashes, sealed webhook secrets and chat URLs are left out.`;

/** Issue 16, item 2: an organization's export (data portability), built in the background. */
export const exportRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/export',
    operationId: 'exportOrganization',
    summary: 'Export everything of the organization (its owner, or an operator)',
    description: `Answers 202 with the export's id and \`status: "pending"\`; the archive is built in the background. Poll \`GET /organizations/{org_id}/exports/{export_id}\` (the \`Location\` header) until it is \`ready\`, then download it from \`download_url\`. ${ARCHIVE}`,
    tags,
    auth: 'tenant',
    scope: 'organization:write',
    request: { params: orgIdParams },
    responses: { 202: { description: 'The export, pending', schema: organizationExportSchema } },
    async handler({ identity, params }) {
      const requested = await requestOrganizationExport(callerOf(identity), params.org_id);
      return {
        status: 202,
        body: requested,
        headers: { Location: `/api/v1/organizations/${params.org_id}/exports/${requested.id}` },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/exports/{export_id}',
    operationId: 'getOrganizationExport',
    summary: 'An organization export’s status and, once ready, its download link',
    description: `For the organization's owner or an operator, as the export itself. ${ARCHIVE}`,
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: exportIdParams },
    responses: { 200: { description: 'The export', schema: organizationExportSchema } },
    async handler({ identity, params }) {
      return {
        status: 200,
        body: await organizationExport(callerOf(identity), params.org_id, params.export_id),
      };
    },
  }),
];
