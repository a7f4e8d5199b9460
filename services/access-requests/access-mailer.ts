import { trustCenterLanguage } from '#services/access-requests/public-tenant';
import type { AccessRequestView } from '#services/access-requests/schemas';
import { accessMails, findGrant, magicLinks, mailSentFor } from '#services/access-requests/store';
import { newMagicLinkToken } from '#services/access-requests/tokens';
import { findDocument } from '#services/documents/public';
import { sendTemplatedEmail } from '#services/notifications/public';
import { MAIL_LINK_ROUTES, trustCenterPageUrl } from '#services/site/public';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { type CataloguedEvent, type DomainEvent, domainEvent } from '#shared/events/envelope';
import type { Language } from '#shared/languages';
import { localize, storedTranslations } from '#shared/translations';

/** A magic link works until its grant ends, and never longer than a week after it was sent. */
export const MAGIC_LINK_MAX_DAYS = 7;
const MAILER = 'access-request-mailer';
const MARKER_RETENTION_SECONDS = 8 * 24 * 60 * 60;

/** The event actor of a decision made by the tenant's auto-approval rules, not by a person. */
export const AUTO_DECISION_ACTOR = 'auto-approval';

/** A magic link's address: the landing page in the visitor's language, on the tenant's trust center. */
export function magicLinkUrl(tenantId: string, language: Language, token: string): Promise<string> {
  return trustCenterPageUrl(tenantId, language, MAIL_LINK_ROUTES.magicLink, { token });
}

/** A date as the visitor's language writes it (`30. November 2026`), in UTC like every time we keep. */
function longDate(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
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
 * Mails the visitor a magic link to an approved request's grant, in the language of the request (else the
 * trust center's default), with the granted documents' titles in it. The token exists only in this mail: a
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
  const language = await trustCenterLanguage(tenantId, request.language);
  const documents = await Promise.all(grant.document_ids.map((id) => findDocument(tenantId, id)));
  await sendTemplatedEmail({
    tenantId,
    to: request.email,
    template: 'access-approved',
    language,
    data: {
      documents: documents.flatMap((document) =>
        document
          ? [localize(document, storedTranslations(document.translations), language, ['title']).title]
          : [],
      ),
      access_link: await magicLinkUrl(tenantId, language, token),
      link_expires: longDate(expiresAt, language),
      access_expires: longDate(grant.expires_at, language),
      // What the form said comes last in the mail, quoted (templates.ts `visitorFields`).
      requester_name: request.name,
      company: request.company,
    },
  });
  await markSent(event, request, 'magic_link', now);
}

/**
 * Tells the visitor, in the request's language, that a reviewer did not approve the request. A rejection by the tenant's rules mails
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
  await sendTemplatedEmail({
    tenantId: event.tenant_id,
    to: request.email,
    template: 'access-rejected',
    language: await trustCenterLanguage(event.tenant_id, request.language),
    data: { requester_name: request.name, company: request.company },
  });
  await markSent(event, request, 'rejection', now);
}
