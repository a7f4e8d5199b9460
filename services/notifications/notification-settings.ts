import {
  type Channel,
  DEFAULT_OBJECTION_WINDOW_DAYS,
  type NotificationSettingsBody,
  type NotificationSettingsView,
} from '#services/notifications/schemas';
import { maskUrl, sealWebhookUrl } from '#services/notifications/secret-box';
import {
  findNotificationSettings,
  type NotificationSettingsItem,
  notificationSettings,
} from '#services/notifications/store';
import { DEFAULT_EMAIL_LANGUAGE, type EmailLanguage } from '#services/notifications/templates';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import type { TransactItem } from '#shared/data/outbox';
import { ValidationError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';
import { checkOutboundUrl, OutboundRefused } from '#shared/net/outbound';

export function toSettingsView(item: NotificationSettingsItem | null): NotificationSettingsView {
  return {
    channels: {
      email: {
        recipients: item ? [...item.emailRecipients] : [],
        language: (item?.emailLanguage ?? DEFAULT_EMAIL_LANGUAGE) as EmailLanguage,
      },
      slack: { webhook_url: item?.slackWebhookMasked ?? null },
      teams: { webhook_url: item?.teamsWebhookMasked ?? null },
    },
    rules: (item?.rules ?? []).map((rule) => ({ event: rule.event, channels: rule.channels as Channel[] })),
    subprocessor_notices: {
      objection_window_days: item?.objectionWindowDays ?? DEFAULT_OBJECTION_WINDOW_DAYS,
    },
    updated_at: item?.updatedAt ?? null,
  };
}

/** What the settings' event tells: which channels are set up and the rules, never addresses or URLs. */
function settingsSummary(item: NotificationSettingsItem) {
  return {
    channels: {
      email: { recipients: item.emailRecipients.length, language: item.emailLanguage as EmailLanguage },
      slack: { configured: item.slackWebhookSealed !== undefined },
      teams: { configured: item.teamsWebhookSealed !== undefined },
    },
    rules: item.rules.map((rule) => ({ event: rule.event, channels: rule.channels as Channel[] })),
    objection_window_days: item.objectionWindowDays,
  };
}

/**
 * A webhook URL from a PUT: null removes it, the masked value that a read returned keeps the stored one,
 * anything else must be a URL the outbound guard accepts (https in AWS) and is sealed.
 */
async function webhookField(
  channel: 'slack' | 'teams',
  input: { webhook_url: string | null } | undefined,
  current: { sealed?: string; masked?: string },
  tenantId: string,
): Promise<{ sealed?: string; masked?: string }> {
  const url = input?.webhook_url ?? null;
  if (url === null) return {};
  if (current.masked !== undefined && url === current.masked) return current;
  try {
    checkOutboundUrl(url);
  } catch (error) {
    if (error instanceof OutboundRefused)
      throw new ValidationError(error.message, `channels.${channel}.webhook_url`);
    throw error;
  }
  return { sealed: await sealWebhookUrl(url, tenantId, channel), masked: maskUrl(url) };
}

export async function putNotificationSettings(
  identity: Identity,
  body: NotificationSettingsBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<NotificationSettingsItem> {
  const { tenantId } = identity;
  const current = await findNotificationSettings(tenantId);
  if (current) checkIfMatch(ifMatch, current.version);
  // The settings are stored whole, so every rule they will hold forwards events on this caller's word.
  // The catalogue (every service's event schemas) loads with this operation, not at cold start.
  const { eventReadScopes } = await import('#services/catalogue');
  requireScopes(
    identity,
    eventReadScopes(body.rules.map((rule) => rule.event)),
    'These rules would forward events this caller may not read',
  );

  for (const [index, rule] of body.rules.entries()) {
    for (const channel of rule.channels) {
      const configured =
        channel === 'email' ? body.channels.email.recipients.length > 0 : body.channels[channel]?.webhook_url;
      if (!configured)
        throw new ValidationError(
          `Rule ${index + 1} sends to ${channel}, which is not configured`,
          `rules.${index}`,
        );
    }
  }
  const slack = await webhookField(
    'slack',
    body.channels.slack,
    { sealed: current?.slackWebhookSealed, masked: current?.slackWebhookMasked },
    tenantId,
  );
  const teams = await webhookField(
    'teams',
    body.channels.teams,
    { sealed: current?.teamsWebhookSealed, masked: current?.teamsWebhookMasked },
    tenantId,
  );
  const item: NotificationSettingsItem = {
    tenantId,
    emailRecipients: [...new Set(body.channels.email.recipients)],
    emailLanguage: body.channels.email.language,
    slackWebhookSealed: slack.sealed,
    slackWebhookMasked: slack.masked,
    teamsWebhookSealed: teams.sealed,
    teamsWebhookMasked: teams.masked,
    rules: body.rules.map((rule) => ({ event: rule.event, channels: [...new Set(rule.channels)] })),
    objectionWindowDays:
      body.subprocessor_notices?.objection_window_days ??
      current?.objectionWindowDays ??
      DEFAULT_OBJECTION_WINDOW_DAYS,
    updatedAt: now.toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  const put = notificationSettings.put(item).params({ table: config.tableName }) as {
    TableName: string;
    Item: Record<string, unknown>;
  };
  // Replaced whole, but only the version that was read: a concurrent PUT makes this one a 412.
  const write: TransactItem = {
    Put: {
      TableName: put.TableName,
      Item: put.Item,
      ...(current
        ? {
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': current.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
  await commitIfCurrent(
    [write],
    [domainEvent('notification_settings.updated', identity, { settings: settingsSummary(item) }, now)],
  );
  return item;
}
