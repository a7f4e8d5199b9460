import { createHash } from 'node:crypto';
import { type ChatMessage, slackPayload, teamsPayload } from '#services/notifications/chat-messages';
import { type EventMessage, messageFor, renderPlaceholders } from '#services/notifications/event-messages';
import { channelsFor } from '#services/notifications/rules';
import type { Channel } from '#services/notifications/schemas';
import { openWebhookUrl } from '#services/notifications/secret-box';
import {
  brandName,
  recipientLanguage,
  sendTemplatedEmail,
  withVisitorTextQuoted,
} from '#services/notifications/send';
import {
  findNotificationSettings,
  type NotificationSettingsItem,
  notificationMarkers,
} from '#services/notifications/store';
import { type EmailLanguage, emailTemplate } from '#services/notifications/templates';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import type { DomainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { OutboundFailed, OutboundRefused, outboundPost } from '#shared/net/outbound';
import { logger } from '#shared/observability/logger';

/** Markers outlive every redelivery of an event (the bus retries for 24 h; replays within the outbox's week). */
const MARKER_RETENTION_SECONDS = 8 * 24 * 60 * 60;
const CHAT_TIMEOUT_MS = 5_000;

/** Some channels could not be reached; the bus retries the event and the markers spare the ones that were. */
export class NotificationFailed extends Error {
  override name = 'NotificationFailed';
  constructor(readonly channels: readonly string[]) {
    super(`Notification failed on: ${channels.join(', ')}`);
  }
}

/** A chat post answered with something other than 2xx. */
class ChatRejected extends Error {
  override name = 'ChatRejected';
}

const recipientKey = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 32);

async function delivered(
  tenantId: string,
  eventId: string,
  channel: Channel,
  target: string,
): Promise<boolean> {
  const { data } = await notificationMarkers
    .get({ tenantId, eventId, channel, target })
    .go({ table: config.tableName, consistent: true, attributes: ['outcome'] });
  return data !== null;
}

async function markDelivered(
  tenantId: string,
  eventId: string,
  channel: Channel,
  target: string,
  outcome: 'sent' | 'refused',
  now: Date,
): Promise<void> {
  await notificationMarkers
    .put({
      tenantId,
      eventId,
      channel,
      target,
      outcome,
      at: now.toISOString(),
      ttl: epochSeconds(now) + MARKER_RETENTION_SECONDS,
    })
    .go({ table: config.tableName });
}

/** Posts a chat message; anything but a 2xx answer is a failure. */
async function postChat(channel: 'slack' | 'teams', url: string, message: ChatMessage): Promise<void> {
  const payload = channel === 'slack' ? slackPayload(message) : teamsPayload(message);
  const response = await outboundPost(url, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    timeoutMs: CHAT_TIMEOUT_MS,
    maxResponseBytes: 4096,
  });
  if (response.status < 200 || response.status >= 300)
    throw new ChatRejected(`${channel} answered ${response.status}`);
}

function chatMessage(
  settings: NotificationSettingsItem,
  message: EventMessage,
  brand: string,
  context: string,
  title?: string,
): ChatMessage {
  const language = settings.emailLanguage as EmailLanguage;
  const subject = emailTemplate(message.template).content[language].subject;
  return {
    // Visitor text is quoted, capped and de-linked in chat titles as in mail subjects.
    title:
      title ??
      renderPlaceholders(subject, {
        ...withVisitorTextQuoted(message.template, message.data),
        brand_name: brand,
      }),
    facts: message.facts,
    context,
  };
}

/**
 * The notifier: sends an event to every channel the tenant's rules route it to. Each delivery (one per email
 * recipient, one per chat channel) leaves a marker keyed by the event id, so when one channel fails and the
 * bus retries the event, only what is missing is sent again.
 */
export async function notifyEvent(event: DomainEvent, now: Date): Promise<void> {
  const settings = await findNotificationSettings(event.tenant_id);
  if (!settings) return;
  const channels = channelsFor(settings.rules, event.type);
  if (channels.length === 0) return;
  const brand = await brandName(event.tenant_id);
  const failed: string[] = [];
  const attempt = async (channel: Channel, target: string, send: () => Promise<'sent' | 'refused'>) => {
    if (await delivered(event.tenant_id, event.id, channel, target)) return;
    try {
      const outcome = await send();
      await markDelivered(event.tenant_id, event.id, channel, target, outcome, now);
    } catch (error) {
      failed.push(channel);
      logger.warn('Notification channel failed', {
        channel,
        eventId: event.id,
        error: (error as Error).name,
        // Messages of other errors may quote a recipient's address: only the name is logged.
        reason:
          error instanceof OutboundFailed
            ? error.reason
            : error instanceof ChatRejected
              ? error.message
              : undefined,
      });
    }
  };

  for (const channel of channels) {
    if (channel === 'email') {
      for (const recipient of settings.emailRecipients) {
        await attempt('email', recipientKey(recipient), async () => {
          const language = await recipientLanguage(
            event.tenant_id,
            recipient,
            settings.emailLanguage as EmailLanguage,
          );
          const message = messageFor(event, language);
          await sendTemplatedEmail({
            tenantId: event.tenant_id,
            to: recipient,
            template: message.template,
            language,
            data: message.data,
          });
          return 'sent';
        });
      }
      continue;
    }
    const sealed = channel === 'slack' ? settings.slackWebhookSealed : settings.teamsWebhookSealed;
    if (!sealed) continue;
    await attempt(channel, channel, async () => {
      const message = messageFor(event, settings.emailLanguage as EmailLanguage);
      const chat = chatMessage(settings, message, brand, `${event.type} · ${event.id}`);
      try {
        await postChat(channel, await openWebhookUrl(sealed, event.tenant_id, channel), chat);
        return 'sent';
      } catch (error) {
        // A destination the SSRF guard refuses is a setting to fix, not a failure to retry.
        if (!(error instanceof OutboundRefused)) throw error;
        logger.warn('Chat destination refused by the outbound guard', { channel, reason: error.reason });
        return 'refused';
      }
    });
  }
  if (failed.length > 0) throw new NotificationFailed([...new Set(failed)]);
}

const TEST_TITLE: Record<EmailLanguage, (brand: string) => string> = {
  en: (brand) => `Test notification from the ${brand} trust center`,
  de: (brand) => `Testbenachrichtigung vom Trust Center von ${brand}`,
  fr: (brand) => `Notification de test du trust center de ${brand}`,
};

export interface TestResult {
  channel: Channel;
  status: 'sent' | 'failed' | 'not_configured';
  detail?: string;
}

/** `POST /notifications/test`: one message to every configured channel, sent now, each outcome reported. */
export async function sendTestNotification(tenantId: string, now = new Date()): Promise<TestResult[]> {
  const settings = await findNotificationSettings(tenantId);
  const brand = await brandName(tenantId);
  const event: DomainEvent = {
    id: newId('event'),
    type: 'notification.test',
    tenant_id: tenantId,
    occurred_at: now.toISOString(),
    actor: { type: 'system', id: 'notifications' },
    data: { message: 'This is a test of your notification settings.' },
  };
  const outcome = async (channel: Channel, send: () => Promise<void>): Promise<TestResult> => {
    try {
      await send();
      return { channel, status: 'sent' };
    } catch (error) {
      const detail =
        error instanceof OutboundRefused || error instanceof OutboundFailed || error instanceof ChatRejected
          ? error.message
          : 'The message could not be sent.';
      return { channel, status: 'failed', detail };
    }
  };
  const results: TestResult[] = [];
  const recipients = settings?.emailRecipients ?? [];
  if (!settings || recipients.length === 0) results.push({ channel: 'email', status: 'not_configured' });
  else
    results.push(
      await outcome('email', async () => {
        for (const recipient of recipients) {
          const language = await recipientLanguage(
            tenantId,
            recipient,
            settings.emailLanguage as EmailLanguage,
          );
          const message = messageFor(event, language);
          await sendTemplatedEmail({
            tenantId,
            to: recipient,
            template: message.template,
            language,
            data: { ...message.data, title: TEST_TITLE[language](brand) },
          });
        }
      }),
    );
  for (const channel of ['slack', 'teams'] as const) {
    const sealed = channel === 'slack' ? settings?.slackWebhookSealed : settings?.teamsWebhookSealed;
    if (!settings || !sealed) {
      results.push({ channel, status: 'not_configured' });
      continue;
    }
    results.push(
      await outcome(channel, async () => {
        const message = messageFor(event, settings.emailLanguage as EmailLanguage);
        const title = TEST_TITLE[settings.emailLanguage as EmailLanguage](brand);
        const chat = chatMessage(settings, message, brand, 'notification.test', title);
        await postChat(channel, await openWebhookUrl(sealed, tenantId, channel), chat);
      }),
    );
  }
  return results;
}
