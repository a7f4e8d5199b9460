import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '#shared/http/errors';
import { cursorSigningKey } from '#shared/secrets';

/**
 * Leading zero bits a submission's proof of work needs: 2^16 SHA-256 hashes on average, a fraction of a
 * second in a browser and a real cost to anyone posting thousands of forms. `TC_POW_DIFFICULTY` overrides it.
 */
export const DEFAULT_POW_DIFFICULTY = 16;
/** How long a challenge can be answered. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;

export function powDifficulty(): number {
  const configured = Number(process.env.TC_POW_DIFFICULTY);
  return Number.isInteger(configured) && configured >= 1 && configured <= 32
    ? configured
    : DEFAULT_POW_DIFFICULTY;
}

// Domain-separated from the cursor MACs that share the key.
async function mac(payload: string): Promise<string> {
  return createHmac('sha256', await cursorSigningKey())
    .update(`access-request-pow\n${payload}`)
    .digest('base64url');
}

export interface Challenge {
  challenge: string;
  difficulty: number;
  expires_at: string;
}

/** `pow1.<tenant>.<difficulty>.<expiry epoch s>.<random>.<mac>`: stateless until it is spent. */
export async function issueChallenge(tenantId: string, now = new Date()): Promise<Challenge> {
  const difficulty = powDifficulty();
  const expires = Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS;
  const payload = ['pow1', tenantId, difficulty, expires, randomBytes(12).toString('base64url')].join('.');
  return {
    challenge: `${payload}.${await mac(payload)}`,
    difficulty,
    expires_at: new Date(expires * 1000).toISOString(),
  };
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * Checks a proof of work: our signature, this tenant, not expired, and SHA-256(challenge + nonce) with
 * enough leading zero bits. Returns what the caller needs to spend the challenge exactly once.
 */
export async function verifyProofOfWork(
  tenantId: string,
  pow: { challenge: string; nonce: string },
  now = new Date(),
): Promise<{ challengeHash: string; expiresAt: number }> {
  const invalid = (message: string) => new ValidationError(message, 'pow');
  const parts = pow.challenge.split('.');
  if (parts.length !== 6) throw invalid('The proof-of-work challenge is malformed');
  const [version, challengeTenant, difficultyText, expiresText, , signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(await mac(parts.slice(0, 5).join('.')));
  const actual = Buffer.from(signature);
  if (version !== 'pow1' || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw invalid('The proof-of-work challenge was not issued by this trust center');
  }
  if (challengeTenant !== tenantId)
    throw invalid('The proof-of-work challenge belongs to another trust center');
  const expiresAt = Number(expiresText);
  if (!(expiresAt * 1000 > now.getTime())) throw invalid('The proof-of-work challenge has expired');
  const digest = createHash('sha256').update(`${pow.challenge}${pow.nonce}`, 'utf8').digest();
  if (leadingZeroBits(digest) < Number(difficultyText)) throw invalid('The proof of work is insufficient');
  return {
    challengeHash: createHash('sha256').update(pow.challenge, 'utf8').digest('hex'),
    expiresAt,
  };
}
