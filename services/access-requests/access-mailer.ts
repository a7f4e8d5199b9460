import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { organizationName } from '#services/access-requests/public-tenant';
import type { AccessRequestView } from '#services/access-requests/schemas';
import { accessMails, findGrant, magicLinks, mailSentFor } from '#services/access-requests/store';
import { newMagicLinkToken } from '#services/access-requests/tokens';
import { findDocument } from '#services/documents/public';
import { ses } from '#shared/aws/ses';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { type CataloguedEvent, type DomainEvent, domainEvent } from '#shared/events/envelope';
import { toSingleLine } from '#shared/http/text-fields';
import { quoteVisitorText } from '#shared/mail/visitor-text';

/** A magic link works until its grant ends, and never longer than a week after it was sent. */
export const MAGIC_LINK_MAX_DAYS = 7;
const MAILER = 'access-request-mailer';
const MARKER_RETENTION_SECONDS = 8 * 24 * 60 * 60;

/** The event actor of a decision made by the tenant's auto-approval rules, not by a person. */
export const AUTO_DECISION_ACTOR = 'auto-approval';
const VISITOR_NAME_MAX = 80;
const VISITOR_COMPANY_MAX = 80;

/**
 * The closing lines of every mail to a visitor address: the address was typed into a public form by
 * someone, perhaps not its owner, so what the form said is shown last, quoted, capped and de-linked,
 * after the trust center's own words.
 */
function formEcho(organization: string, request: AccessRequestView): string {
  return (
    `\n\nThis mail answers a request made with this address on ${organization}'s trust center. ` +
    `The form said, unverified: name ${quoteVisitorText(request.name, VISITOR_NAME_MAX)}, ` +
    `company ${quoteVisitorText(request.company, VISITOR_COMPANY_MAX)}. ` +
    'If you did not make it, you can ignore this mail.'
  );
}

export function magicLinkUrl(token: string): string {
  return `${config.publicUrl}/access?token=${encodeURIComponent(token)}`;
}

async function send(to: string, subject: string, text: string): Promise<void> {
  await ses().send(
    new SendEmailCommand({
      FromEmailAddress: config.senderAddress,
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: toSingleLine(subject) }, Body: { Text: { Data: text } } } },
    }),
  );
}

/** Records that the mail for this event went out, with its event; a second writer loses quietly. */
async function markSent(
  event: DomainEvent,
  request: AccessRequestView,
  kind: 'magic_link' | 'rejection',
  now: Date,
) {
  const marker = accessMails
    .create({
      tenantId: event.tenant_id,
      eventId: event.id,
      requestId: request.id,
      kind,
      sentAt: now.toISOString(),
      ttl: epochSeconds(now) + MARKER_RETENTION_SECONDS,
    })
    .params({ table: config.tableName });
  const notified = domainEvent(
    'access_request.notified',
    { tenantId: event.tenant_id, system: MAILER },
    { access_request_id: request.id, email: request.email, kind },
    now,
  );
  try {
    await commitWithEvents([asPut(marker)], [notified]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
  }
}

/**
 * Mails the visitor a magic link to an approved request's grant. The token exists only in this mail: a
 * fresh random one per attempt, stored as its SHA-256. A retry after a failed send mints another (the
 * unsent one is useless); the marker written after the send stops any further mail for this event.
 */
export async function mailMagicLink(
  event: CataloguedEvent<'access_request.approved'>,
  now: Date,
): Promise<void> {
  const tenantId = event.tenant_id;
  if (await mailSentFor(tenantId, event.id)) return;
  const { access_request: request, grant } = event.data;
  // Revoked before the mail went out (a retried event, a slow queue): a useless link is no mail at all.
  if ((await findGrant(tenantId, grant.id))?.revokedAt) return;
  const token = newMagicLinkToken(tenantId);
  const expiresAt = new Date(
    Math.min(new Date(grant.expires_at).getTime(), now.getTime() + MAGIC_LINK_MAX_DAYS * 24 * 3600 * 1000),
  );
  await commitWithEvents(
    [
      asPut(
        magicLinks
          .create({
            tenantId,
            tokenHash: sha256Hex(token),
            grantId: grant.id,
            requestId: request.id,
            email: request.email,
            expiresAt: expiresAt.toISOString(),
            createdAt: now.toISOString(),
            ttl: epochSeconds(expiresAt),
          })
          .params({ table: config.tableName }),
      ),
    ],
    [],
  );
  const organization = (await organizationName(tenantId)) || 'the trust center';
  const documents = await Promise.all(grant.document_ids.map((id) => findDocument(tenantId, id)));
  const titles = documents.flatMap((document) => (document ? [`- ${document.title}`] : []));
  await send(
    request.email,
    `Your access to ${organization}'s documents`,
    'Hello,\n\n' +
      `your request for documents from ${organization}'s trust center was approved. You can download:\n` +
      `${titles.join('\n')}\n\n` +
      `Open this link to download them: ${magicLinkUrl(token)}\n\n` +
      `The link works once, until ${expiresAt.toISOString().slice(0, 10)}; your access ends on ` +
      `${grant.expires_at.slice(0, 10)}. Do not forward it: it is personal, and the documents are marked with your email.` +
      formEcho(organization, request),
  );
  await markSent(event, request, 'magic_link', now);
}

/**
 * Tells the visitor a reviewer did not approve the request. A rejection by the tenant's rules mails
 * nothing: the form's answer already said `rejected`, and the address is unverified, so a mail would only
 * serve whoever typed someone else's address (issue 9).
 */
export async function mailRejection(
  event: CataloguedEvent<'access_request.rejected'>,
  now: Date,
): Promise<void> {
  if (event.actor.type === 'system' && event.actor.id === AUTO_DECISION_ACTOR) return;
  if (await mailSentFor(event.tenant_id, event.id)) return;
  const request = event.data.access_request;
  const organization = (await organizationName(event.tenant_id)) || 'the trust center';
  await send(
    request.email,
    `Your request to ${organization}'s trust center`,
    'Hello,\n\n' +
      `your request for documents from ${organization}'s trust center was not approved, so no access was granted.\n` +
      `If you think this is a mistake, contact your ${organization} representative.` +
      formEcho(organization, request),
  );
  await markSent(event, request, 'rejection', now);
}
