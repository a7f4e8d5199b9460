import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import type { TransactItem } from '#shared/data/outbox';
import { ValidationError } from '#shared/errors';
import { deprecatedOrgId } from '#shared/http/deprecated-org-id';
import { singleLine } from '#shared/http/text-fields';
import { cursorSigningKey } from '#shared/secrets';

/**
 * Proof of work for the public forms that make the platform send mail (access requests, subprocessor
 * subscriptions): a signed, tenant- and form-bound challenge, answered by a nonce, spent once.
 *
 * Leading zero bits a nonce needs: 2^20 SHA-256 hashes on average. Measured once in Node 20 on one core
 * (a bot's cheapest path), 16 bits took a median 0.08 s, 18 bits 0.33 s, 20 bits 1.3 s per challenge; a
 * browser solves while the visitor types. `TC_POW_DIFFICULTY` (1–32) overrides it, e.g. for tests.
 */
export const DEFAULT_POW_DIFFICULTY = 20;
/** How long a challenge can be answered, in seconds. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;

/** The form a challenge is for: a challenge fetched for one form is refused by another. */
export type PowPurpose = 'access-request' | 'subprocessor-subscription';

/** The difficulty in leading zero bits: `TC_POW_DIFFICULTY` when it is an integer 1–32, else the default. */
export function powDifficulty(): number {
  const configured = Number(process.env.TC_POW_DIFFICULTY);
  return Number.isInteger(configured) && configured >= 1 && configured <= 32
    ? configured
    : DEFAULT_POW_DIFFICULTY;
}

/** The body field a public form sends its solved challenge in. */
export const proofOfWorkBody = z
  .strictObject({
    challenge: singleLine(512, { trim: false }).describe('The challenge from `GET …/challenge`, as it was.'),
    nonce: singleLine(64, { trim: false }).describe(
      'Any string such that SHA-256(challenge + nonce) starts with `difficulty` zero bits.',
    ),
  })
  .describe('A solved proof-of-work challenge.');

/** The query of a challenge route: the trust center the form belongs to. */
export const challengeQuery = z.object({ org_id: deprecatedOrgId() });

/** What a challenge route answers. */
export const proofOfWorkChallenge = z.object({
  challenge: z.string(),
  difficulty: z.number().int().describe('Leading zero bits SHA-256(challenge + nonce) must have.'),
  expires_at: z.iso.datetime(),
});

// Domain-separated per form, and from the cursor MACs that share the key.
async function mac(purpose: PowPurpose, payload: string): Promise<string> {
  return createHmac('sha256', await cursorSigningKey())
    .update(`${purpose}-pow\n${payload}`)
    .digest('base64url');
}

export interface Challenge {
  challenge: string;
  difficulty: number;
  expires_at: string;
}

/** `pow1.<tenant>.<difficulty>.<expiry epoch s>.<random>.<mac>`: stateless until it is spent. */
export async function issueChallenge(
  tenantId: string,
  purpose: PowPurpose,
  now = new Date(),
): Promise<Challenge> {
  const difficulty = powDifficulty();
  const expires = Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS;
  const payload = ['pow1', tenantId, difficulty, expires, randomBytes(12).toString('base64url')].join('.');
  return {
    challenge: `${payload}.${await mac(purpose, payload)}`,
    difficulty,
    expires_at: new Date(expires * 1000).toISOString(),
  };
}

/** The number of leading zero bits of a digest (0–8 × its length). */
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

/** A checked challenge: its SHA-256 (hex) names it when it is spent; `expiresAt` is epoch seconds. */
export interface VerifiedChallenge {
  challengeHash: string;
  expiresAt: number;
}

/**
 * Checks a proof of work: our signature for this form, this tenant, not expired, and SHA-256(challenge +
 * nonce) with enough leading zero bits. Throws ValidationError (`pow`) otherwise. The caller spends it.
 */
export async function verifyProofOfWork(
  tenantId: string,
  purpose: PowPurpose,
  pow: { challenge: string; nonce: string },
  now = new Date(),
): Promise<VerifiedChallenge> {
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
  const expected = Buffer.from(await mac(purpose, parts.slice(0, 5).join('.')));
  const actual = Buffer.from(signature);
  if (version !== 'pow1' || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw invalid('The proof-of-work challenge was not issued by this trust center for this form');
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

/** The error a second use of one challenge gets. */
export const challengeReused = () =>
  new ValidationError('This proof-of-work challenge has already been used', 'pow');

const alreadySpent = 'attribute_not_exists(pk)';

function spentChallenge(tenantId: string, verified: VerifiedChallenge, now: Date) {
  return {
    TableName: config.tableName,
    Item: {
      pk: `${tenantId}#pow-spent`,
      sk: verified.challengeHash,
      spentAt: now.toISOString(),
      ttl: verified.expiresAt,
    },
    ConditionExpression: alreadySpent,
  };
}

/**
 * The write that spends a challenge (`<tenant>#pow-spent` / its hash, kept until it expires): its
 * condition fails when the challenge was spent before, so put it in the transaction that acts on it and
 * answer `challengeReused()` when that item's condition fails.
 */
export function spendChallengeWrite(
  tenantId: string,
  verified: VerifiedChallenge,
  now = new Date(),
): TransactItem {
  return { Put: spentChallenge(tenantId, verified, now) };
}

/** Spends a challenge on its own, for forms whose work is not one transaction. Throws `challengeReused()`. */
export async function spendChallenge(
  tenantId: string,
  verified: VerifiedChallenge,
  now = new Date(),
): Promise<void> {
  try {
    await dynamo().send(new PutCommand(spentChallenge(tenantId, verified, now)));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw challengeReused();
    throw error;
  }
}
