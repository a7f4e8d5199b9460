import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How API keys and invitation tokens are stored: the one SHA-256 hex of shared/. */
export { sha256Hex as sha256 } from '#shared/crypto/sha256-hex';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const API_KEY_PREFIX = 'sk_live_';

/** 40 base62 characters: about 238 bits of entropy. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBase62(40)}`;
}

/** Invitation tokens travel in links; same entropy, no prefix. */
export function newInvitationToken(): string {
  return randomBase62(43);
}

/** What lists show of a key: enough to recognise it, never enough to use it. */
export function displayPrefix(secret: string): string {
  return `${secret.slice(0, API_KEY_PREFIX.length + 4)}…`;
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
