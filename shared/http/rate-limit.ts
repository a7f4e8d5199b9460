import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ipaddr from 'ipaddr.js';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import { RateLimitError } from '#shared/errors';

/**
 * Limits on the public routes that make the platform send mail, counted in the one table so that every
 * Lambda instance (and the local platform) shares them: fixed windows, one item per limit, subject and
 * window (`<tenant>#rate-limit` / `<limit>#<window start>#<subject hash>`), raised by an atomic ADD and
 * expired by the table's TTL. Every counter is the tenant's: nothing crosses tenants, so the
 * `dynamodb:LeadingKeys` isolation holds for them too.
 */

/** A number of requests per fixed window of `windowSeconds`. */
export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

/** Who a limit counts: the recipient (normalized address), the source (IP, IPv6 by /64), or the whole tenant. */
export type LimitSubject = 'recipient' | 'source' | 'tenant';
export type PublicForm = 'access_request' | 'subprocessor_subscription' | 'sign_in';
/** The trust center's MCP server sends no mail and names no recipient: counted per source and tenant only. */
export type PublicLimitName = `${PublicForm}.${LimitSubject}` | 'mcp.source' | 'mcp.tenant';

const HOUR = 3600;

/**
 * The defaults, per tenant. A person asks for documents a few times, not dozens; an office behind one NAT
 * sends a handful of people; a tenant's reviewers can read a few hundred requests a day.
 */
export const DEFAULT_PUBLIC_LIMITS: Readonly<Record<PublicLimitName, LimitRule>> = {
  'access_request.recipient': { limit: 5, windowSeconds: HOUR },
  'access_request.source': { limit: 20, windowSeconds: HOUR },
  'access_request.tenant': { limit: 200, windowSeconds: HOUR },
  'subprocessor_subscription.recipient': { limit: 3, windowSeconds: HOUR },
  'subprocessor_subscription.source': { limit: 10, windowSeconds: HOUR },
  'subprocessor_subscription.tenant': { limit: 100, windowSeconds: HOUR },
  // Failed sign-ins only (a success counts nothing), kept under the platform's partition: before a sign-in
  // succeeds there is no tenant. Each failure is audited and may be mailed to a tenant's admins.
  'sign_in.recipient': { limit: 10, windowSeconds: 15 * 60 },
  'sign_in.source': { limit: 100, windowSeconds: 15 * 60 },
  'sign_in.tenant': { limit: 5000, windowSeconds: 15 * 60 },
  // An agent makes a few calls per question; a trust center's MCP traffic is a fraction of its page views.
  'mcp.source': { limit: 120, windowSeconds: 60 },
  'mcp.tenant': { limit: 2000, windowSeconds: 60 },
};

/**
 * The limits in force: the defaults, each replaceable through `TC_PUBLIC_LIMITS`, a JSON object such as
 * `{"access_request.recipient": {"limit": 3, "window_seconds": 600}}`. Malformed entries are ignored.
 */
export function publicLimits(): Record<PublicLimitName, LimitRule> {
  const limits = { ...DEFAULT_PUBLIC_LIMITS };
  let configured: unknown;
  try {
    configured = JSON.parse(process.env.TC_PUBLIC_LIMITS ?? '{}');
  } catch {
    return limits;
  }
  if (configured === null || typeof configured !== 'object') return limits;
  for (const [name, value] of Object.entries(configured)) {
    if (!(name in limits)) continue;
    const { limit, window_seconds: windowSeconds } = (value ?? {}) as Record<string, unknown>;
    if (Number.isInteger(limit) && (limit as number) >= 1 && Number.isInteger(windowSeconds)) {
      if ((windowSeconds as number) >= 1) {
        limits[name as PublicLimitName] = { limit: limit as number, windowSeconds: windowSeconds as number };
      }
    }
  }
  return limits;
}

// Mailbox providers that ignore dots in the local part (and the alias domain that is the same mailbox).
const DOTLESS_DOMAINS: Readonly<Record<string, string>> = {
  'gmail.com': 'gmail.com',
  'googlemail.com': 'gmail.com',
};

/**
 * The mailbox an address reaches, as far as counting goes: lower-cased, `+tag` subaddress dropped (every
 * big provider delivers `victim+x@` to `victim@`), and for Gmail dots dropped and googlemail.com folded
 * into gmail.com. Stricter than delivery for the rare server where these differ, never looser.
 * `Victim.Name+0@GoogleMail.com` -> `victimname@gmail.com`.
 */
export function normalizeRecipient(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}

/**
 * The network a request came from, as far as counting goes: an IPv4 address as it is (IPv4-mapped IPv6
 * unwrapped), an IPv6 address by its /64, since one subscriber commonly holds a whole /64.
 * Anything unparsable is counted as it is.
 */
export function normalizeSource(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip.trim().toLowerCase();
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}

/** One count to take: which limit, and the subject it counts (an address, an IP, or `tenant`). */
export interface Meter {
  name: PublicLimitName;
  subject: string;
}

/** The meters of one request to a public form: its recipient, its source and its tenant. */
export function formMeters(form: PublicForm, recipient: string, sourceIp: string): Meter[] {
  return [
    { name: `${form}.source`, subject: normalizeSource(sourceIp) },
    { name: `${form}.recipient`, subject: normalizeRecipient(recipient) },
    { name: `${form}.tenant`, subject: 'tenant' },
  ];
}

/** The meters of one call of a trust center's MCP server: its source, then its trust center. */
export function mcpMeters(sourceIp: string): Meter[] {
  return [
    { name: 'mcp.source', subject: normalizeSource(sourceIp) },
    { name: 'mcp.tenant', subject: 'tenant' },
  ];
}

/** The counter item of a meter in the window holding `nowSeconds`; subjects are kept only as hashes. */
function counter(tenantId: string, meter: Meter, rule: LimitRule, nowSeconds: number) {
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const subject = createHash('sha256').update(meter.subject).digest('hex').slice(0, 32);
  return {
    key: { pk: `${tenantId}#rate-limit`, sk: `${meter.name}#${windowStart}#${subject}` },
    windowEnd: windowStart + rule.windowSeconds,
  };
}

/**
 * Whether any meter is already at its limit in its current window, without counting: the seconds until
 * that window ends (for `Retry-After`), or undefined when every meter has room. For limits that count only
 * failures (sign-in), checked before the attempt so that a refused caller never reaches the check it is
 * guessing at.
 */
export async function limitReached(
  tenantId: string,
  meters: readonly Meter[],
  now = new Date(),
): Promise<number | undefined> {
  const limits = publicLimits();
  const nowSeconds = epochSeconds(now);
  for (const meter of meters) {
    const rule = limits[meter.name];
    const { key, windowEnd } = counter(tenantId, meter, rule, nowSeconds);
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }),
    );
    if (Number(Item?.count ?? 0) >= rule.limit) return Math.max(1, windowEnd - nowSeconds);
  }
  return undefined;
}

// Counters are kept a little past their window, so a clock skew between instances never resets one early.
const RETENTION_SLACK_SECONDS = 300;

/**
 * Counts one request against each meter in order, stopping at the first one over its limit: that one
 * throws RateLimitError (429, `Retry-After` = seconds until its window ends). A refused request still
 * counts against the meters before it, so a source that keeps trying stays refused. Subjects are stored
 * only as SHA-256 hashes.
 */
export async function consumeLimits(
  tenantId: string,
  meters: readonly Meter[],
  now = new Date(),
): Promise<void> {
  const limits = publicLimits();
  const nowSeconds = epochSeconds(now);
  for (const meter of meters) {
    const rule = limits[meter.name];
    const { key, windowEnd } = counter(tenantId, meter, rule, nowSeconds);
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: key,
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': windowEnd + RETENTION_SLACK_SECONDS },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if (Number(Attributes?.count) > rule.limit) {
      throw new RateLimitError(Math.max(1, windowEnd - nowSeconds));
    }
  }
}
