import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { config } from '#shared/config';

/**
 * Secrets the platform must use in clear later (webhook signing secrets, Slack and Teams webhook URLs) are
 * stored sealed: AES-256-GCM under the platform key (`TC_WEBHOOK_SECRET_KEY` locally; in AWS a Secrets Manager
 * secret named by `TC_WEBHOOK_SECRET_KEY_ARN`: random text, hashed into the AES key). The associated data binds a sealed value to
 * where it belongs (tenant, owner), so one copied onto another item does not open.
 * Format: `v1.<iv>.<ciphertext>.<tag>`, base64url.
 */
const VERSION = 'v1';

async function platformKey(): Promise<Buffer> {
  const raw =
    config.webhookSecretKey ??
    (config.webhookSecretKeyArn ? await getSecret(config.webhookSecretKeyArn, { maxAge: 3600 }) : undefined);
  if (typeof raw !== 'string' || raw.length === 0)
    throw new Error('No secret key: set TC_WEBHOOK_SECRET_KEY or TC_WEBHOOK_SECRET_KEY_ARN');
  // The secret is random text (Secrets Manager generates 64 alphanumerics); the AES key is its SHA-256.
  if (raw.length < 32) throw new Error('The secret key must be at least 32 characters of random text');
  return createHash('sha256').update(raw, 'utf8').digest();
}

export async function sealWithPlatformKey(plaintext: string, associatedData: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await platformKey(), iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, ...[iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))].join(
    '.',
  );
}

export async function openWithPlatformKey(sealed: string, associatedData: string): Promise<string> {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', await platformKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
