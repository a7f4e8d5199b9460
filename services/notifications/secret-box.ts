import { openWithPlatformKey, sealWithPlatformKey } from '#shared/crypto/secret-box';

/**
 * Slack and Teams incoming-webhook URLs grant posting into a tenant's channel: stored sealed under the
 * platform key, bound to the tenant and the channel, and never shown whole again.
 */
export type ChatChannel = 'slack' | 'teams';

const boundTo = (tenantId: string, channel: ChatChannel) => `${tenantId}#notifications#${channel}`;

export function sealWebhookUrl(url: string, tenantId: string, channel: ChatChannel): Promise<string> {
  return sealWithPlatformKey(url, boundTo(tenantId, channel));
}

export function openWebhookUrl(sealed: string, tenantId: string, channel: ChatChannel): Promise<string> {
  return openWithPlatformKey(sealed, boundTo(tenantId, channel));
}

/** What a settings read shows of a webhook URL: its origin and last four characters, enough to recognise it. */
export function maskUrl(url: string): string {
  let origin = 'https://';
  try {
    origin = new URL(url).origin;
  } catch {
    // Only valid URLs are stored; a bare mask is still safe.
  }
  return `${origin}/…${url.slice(-4)}`;
}
