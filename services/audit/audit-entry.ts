import type { DomainEvent } from '#shared/events/envelope';

/** What an audit entry says about one domain event: who did what to which thing, and what changed. */
export interface AuditRecord {
  id: string;
  tenantId: string;
  occurredAt: string;
  action: string;
  actor: AuditActor;
  target: AuditTarget | null;
  summary: AuditSummary;
}

export interface AuditActor {
  type: string;
  id: string;
  /** The API key's id for a key; `session` for a signed-in person or operator; `development` locally. */
  credential: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditTarget {
  type: string;
  id: string;
}

export interface AuditSummary {
  description: string;
  changed?: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

type Data = Record<string, unknown>;

// Events are built never to carry secrets; the audit log does not rely on it. Field names and values that
// look like credentials are dropped before anything is stored.
const SECRET_FIELD = /secret|token|password|passphrase|key_value|private_key|authorization|signature/i;
// A whole API key (a display prefix is 4 characters) or a signed URL; display prefixes stay.
const SECRET_VALUE = /sk_(live|test)_[A-Za-z0-9]{12,}|X-Amz-Signature=|[?&]sig=|^Bearer\s/i;
const MAX_STRING = 256;
const MAX_ITEMS = 20;
const MAX_DEPTH = 4;

/** A copy fit for the audit log: no secret-like fields, long text cut, deep or long structures trimmed. */
export function sanitize(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value)) return '[redacted]';
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => sanitize(item, depth + 1));
  const copy: Data = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_FIELD.test(key) || field === undefined) continue;
    copy[key] = sanitize(field, depth + 1);
  }
  return copy;
}

function isRecord(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Data keys whose name is not the resource's type. */
const TARGET_TYPE_OF_KEY: Record<string, string> = { entry: 'knowledge_base_entry' };

/** Events whose target is not the first object with an id in their data. */
const TARGET_OVERRIDES: Record<string, (data: Data) => AuditTarget | null> = {
  // The account is what was shared with, the documents are the subject: filter by the account.
  'account.documents_shared': (data) =>
    typeof data.account_id === 'string' ? { type: 'account', id: data.account_id } : null,
};

/**
 * The thing an event is about: the first `{id}`-bearing object in its data (`data.account`, `data.api_key`,
 * …) named by its key, else the first `<type>_id` field, else none.
 */
export function targetOf(type: string, data: unknown): AuditTarget | null {
  if (!isRecord(data)) return null;
  const override = TARGET_OVERRIDES[type];
  if (override) return override(data);
  for (const [key, value] of Object.entries(data)) {
    if (isRecord(value) && typeof value.id === 'string' && value.id.length > 0)
      return { type: TARGET_TYPE_OF_KEY[key] ?? key, id: value.id };
  }
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith('_id') && typeof value === 'string' && value.length > 0)
      return { type: key.slice(0, -'_id'.length), id: value };
  }
  return null;
}

function pick(source: unknown, fields: readonly string[]): Data | undefined {
  if (!isRecord(source)) return undefined;
  const picked = Object.fromEntries(
    fields.filter((field) => field in source).map((field) => [field, source[field]]),
  );
  return Object.keys(picked).length > 0 ? (sanitize(picked) as Data) : undefined;
}

function labelOf(data: Data, target: AuditTarget | null): string {
  const object = target
    ? Object.values(data).find((value) => isRecord(value) && value.id === target.id)
    : undefined;
  const name = isRecord(object)
    ? (object.name ?? object.title ?? object.email ?? object.question)
    : undefined;
  if (typeof name === 'string' && name.length > 0) return `“${String(sanitize(name)).slice(0, 80)}”`;
  return target?.id ?? '';
}

function describe(type: string, data: Data, target: AuditTarget | null): string {
  const [resource = type, action = ''] = type.split('.');
  if (type === 'auth.login_succeeded') return `Sign-in succeeded for ${labelOf(data, target) || 'a user'}`;
  if (type === 'auth.login_failed') {
    const email =
      isRecord(data.user) && typeof data.user.email === 'string' ? data.user.email : 'an unknown user';
    return `Sign-in failed for ${String(sanitize(email))}`;
  }
  const subject = [target?.type ?? resource, labelOf(data, target)].filter(Boolean).join(' ');
  return `${subject} ${action.replaceAll('_', ' ')}`.trim();
}

/**
 * What changed, as far as the event tells: a list of `{field, before, after}` changes, `changed` field
 * names with `before`/`after` states, a role change, or the state after a creation and before a deletion.
 */
export function summaryOf(type: string, data: unknown, target: AuditTarget | null): AuditSummary {
  if (!isRecord(data)) return { description: type };
  const description = describe(type, data, target);
  const targetState = target
    ? Object.values(data).find((value) => isRecord(value) && value.id === target.id)
    : undefined;

  if (Array.isArray(data.changes)) {
    const changes = data.changes.filter(isRecord).filter((change) => typeof change.field === 'string');
    if (changes.length > 0) {
      const fields = changes.map((change) => String(change.field));
      return {
        description,
        changed: fields,
        before: sanitize(Object.fromEntries(changes.map((change) => [change.field, change.before]))) as Data,
        after: sanitize(Object.fromEntries(changes.map((change) => [change.field, change.after]))) as Data,
      };
    }
  }
  if (Array.isArray(data.changed)) {
    const fields = data.changed.filter((field): field is string => typeof field === 'string');
    return {
      description,
      changed: fields,
      ...(pick(data.before, fields) ? { before: pick(data.before, fields) } : {}),
      ...(pick(data.after ?? targetState, fields) ? { after: pick(data.after ?? targetState, fields) } : {}),
    };
  }
  if ('previous_role' in data && 'role' in data)
    return {
      description,
      changed: ['role'],
      before: { role: data.previous_role },
      after: { role: data.role },
    };
  if (isRecord(data.before) || isRecord(data.after))
    return {
      description,
      ...(isRecord(data.before) ? { before: sanitize(data.before) as Data } : {}),
      ...(isRecord(data.after) ? { after: sanitize(data.after) as Data } : {}),
    };
  const action = type.split('.')[1] ?? '';
  if (isRecord(targetState) && /^(created|added|joined|invited)$/.test(action))
    return { description, after: sanitize(targetState) as Data };
  if (isRecord(targetState) && /^(deleted|removed)$/.test(action))
    return { description, before: sanitize(targetState) as Data };
  return { description };
}

function credentialOf(actor: DomainEvent['actor']): string | null {
  if (actor.type === 'api_key') return actor.id;
  if (actor.type === 'user' || actor.type === 'operator') return 'session';
  if (actor.type === 'development') return 'development';
  return null;
}

/** The audit entry of one domain event; its id is the event's, so a redelivery names the same entry. */
export function auditRecordOf(event: DomainEvent): AuditRecord {
  const target = targetOf(event.type, event.data);
  return {
    id: event.id,
    tenantId: event.tenant_id,
    occurredAt: event.occurred_at,
    action: event.type,
    actor: {
      type: event.actor.type,
      id: event.actor.id,
      credential: credentialOf(event.actor),
      ip: event.actor.ip ?? null,
      userAgent: event.actor.user_agent?.slice(0, 512) ?? null,
    },
    target,
    summary: summaryOf(event.type, event.data, target),
  };
}
