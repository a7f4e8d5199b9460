import * as z from 'zod';
import {
  accessRequest,
  autoApprovalView,
  grant,
  ndaRecord,
  ndaSummary,
} from '#services/access-requests/schemas';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { defineEvent } from '#shared/events/catalogue';

const grantedDocument = z.object({
  id: z.string(),
  title: z.string(),
  access_level: z.enum(ACCESS_LEVELS),
});

export const accessRequestEvents = [
  defineEvent({
    type: 'access_request.submitted',
    summary: 'A visitor asked for documents; `decision` says what the auto-approval rules made of it.',
    data: z.object({ access_request: accessRequest }),
  }),
  defineEvent({
    type: 'access_request.approved',
    summary: 'An access request was approved, by a reviewer or a rule; the visitor is mailed a magic link.',
    data: z.object({ access_request: accessRequest, grant }),
  }),
  defineEvent({
    type: 'access_request.rejected',
    summary: 'An access request was rejected, by a reviewer or a rule; the visitor is told by mail.',
    data: z.object({ access_request: accessRequest }),
  }),
  defineEvent({
    type: 'access.granted',
    summary: 'Documents were granted to a visitor until the grant expires (seed 2).',
    data: z.object({
      grant,
      account: z.object({ id: z.string() }).optional(),
      documents: z.array(grantedDocument),
    }),
  }),
  defineEvent({
    type: 'access.revoked',
    summary:
      'An admin ended a grant before it expired: from this moment its visitor sessions and magic links are refused.',
    data: z.object({
      grant,
      access_request: accessRequest,
      account: z.object({ id: z.string() }).optional(),
      reason: z.string().nullable().describe('Why, as the admin gave it.'),
      changes: z
        .array(
          z.object({ field: z.enum(['revoked_at', 'revoke_reason']), before: z.null(), after: z.string() }),
        )
        .describe("The grant's fields the revocation set, as the audit log records them."),
    }),
  }),
  defineEvent({
    type: 'access_request.auto_approval_updated',
    summary: 'The auto-approval rules of the trust center changed.',
    data: z.object({ auto_approval: autoApprovalView }),
  }),
  defineEvent({
    type: 'access.session_started',
    summary: 'A visitor exchanged a magic link for a session on a grant.',
    webhook: false,
    data: z.object({
      session: z.object({
        grant_id: z.string(),
        access_request_id: z.string(),
        email: z.string(),
        expires_at: z.iso.datetime(),
      }),
    }),
  }),
  defineEvent({
    type: 'access_request.notified',
    summary: 'The visitor was mailed the outcome of an access request (a magic link, or the rejection).',
    webhook: false,
    data: z.object({
      access_request_id: z.string(),
      email: z.string(),
      kind: z.enum(['magic_link', 'rejection']),
    }),
  }),
  defineEvent({
    type: 'nda.created',
    summary: 'A new NDA version was published; versions never change.',
    data: z.object({ nda: ndaSummary }),
  }),
  defineEvent({
    type: 'nda.accepted',
    summary: 'A visitor accepted an NDA version; the record names the version and its SHA-256.',
    data: z.object({ nda_record: ndaRecord }),
  }),
];

export type GrantedDocumentSummary = z.output<typeof grantedDocument>;
