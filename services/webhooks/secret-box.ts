import { randomBytes } from 'node:crypto';
import { openWithPlatformKey, sealWithPlatformKey } from '#shared/crypto/secret-box';

/**
 * Webhook signing secrets are needed in clear to sign, so they are stored sealed under the platform key
 * (shared/crypto/secret-box.ts), with the tenant and endpoint ids as associated data, so a sealed secret
 * copied onto another endpoint does not open.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

const associatedData = (tenantId: string, webhookId: string) => `${tenantId}#${webhookId}`;

export function sealSecret(secret: string, tenantId: string, webhookId: string): Promise<string> {
  return sealWithPlatformKey(secret, associatedData(tenantId, webhookId));
}

export function openSecret(sealed: string, tenantId: string, webhookId: string): Promise<string> {
  return openWithPlatformKey(sealed, associatedData(tenantId, webhookId));
}
