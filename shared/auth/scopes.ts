/**
 * Roles, scopes and API key types, declared once. Routes name the scope they require
 * (`resource:action`); roles and key types are presets over the same scopes.
 */
export const RESOURCES = [
  'accounts',
  'documents',
  'certifications',
  'faqs',
  'knowledge_base',
  'subprocessors',
  'access_requests',
  'brand',
  'notifications',
  'analytics',
  'webhooks',
  'audit_logs',
  'users',
  'api_keys',
  'organization',
  /** The caller's own profile (`/users/me`: name, language); seed 4's "own settings". */
  'profile',
] as const;

export type Resource = (typeof RESOURCES)[number];
export type Scope = `${Resource}:${'read' | 'write'}`;

const read = (resources: readonly Resource[]): Scope[] =>
  resources.map((resource) => `${resource}:read` as const);
const write = (resources: readonly Resource[]): Scope[] =>
  resources.map((resource) => `${resource}:write` as const);

const CONTENT: Resource[] = [
  'documents',
  'certifications',
  'faqs',
  'knowledge_base',
  'subprocessors',
  'brand',
];
const CUSTOMERS: Resource[] = ['accounts', 'access_requests', 'notifications'];
/** What every person of a tenant reads: content, customer accounts and analytics (seed 4's "dashboards"). */
const DASHBOARDS: Resource[] = [...CONTENT, ...CUSTOMERS, 'analytics'];
const OWN_PROFILE: Scope[] = ['profile:read', 'profile:write'];

export const ALL_SCOPES: Scope[] = [...read(RESOURCES), ...write(RESOURCES)];

/**
 * The roles of a tenant's people, in seed 4's order (`owner admin editor member viewer`) plus seed 1's
 * `account_manager`. Seed 4: a `member` views dashboards and manages their own settings, a `viewer` has
 * read-only access; here both read the same, and only a member may change their own profile. Everything
 * that names roles (GET /roles, schemas' enums, events, the conformance matrix) reads this object.
 */
export const ROLES = {
  owner: {
    description: 'Full access, including the organization itself and its owners.',
    scopes: ALL_SCOPES,
  },
  admin: {
    description: 'Manages members, API keys, webhooks, settings and all content.',
    scopes: ALL_SCOPES,
  },
  account_manager: {
    description: 'Manages customer accounts, their contacts and access requests; reads content.',
    scopes: [...read(DASHBOARDS), ...write(CUSTOMERS), ...OWN_PROFILE],
  },
  editor: {
    description:
      'Edits trust center content: documents, certifications, FAQs, knowledge base, subprocessors, brand.',
    scopes: [...read(DASHBOARDS), ...write(CONTENT), ...OWN_PROFILE],
  },
  member: {
    description:
      'Reads content, customer accounts and analytics, and manages their own profile (name, language).',
    scopes: [...read(DASHBOARDS), ...OWN_PROFILE],
  },
  viewer: {
    description: 'Reads content, customer accounts and analytics, and their own profile; changes nothing.',
    scopes: [...read(DASHBOARDS), 'profile:read'],
  },
} as const satisfies Record<string, { description: string; scopes: readonly Scope[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

/** The Cognito group of platform operators (people who run the deployment, in no tenant). */
export const OPERATOR_GROUP = 'platform_operator';

/** The user pool's groups: one per role, plus the operators'. Both the stack and the local bootstrap create them. */
export const USER_GROUPS: readonly string[] = [...ROLE_NAMES, OPERATOR_GROUP];

/** Seed 2's key types, as presets over the scopes. */
export const KEY_TYPES = {
  read_only: {
    description: 'Views data without modifying it.',
    scopes: read(RESOURCES.filter((r) => r !== 'api_keys')),
  },
  read_write: {
    description: 'Creates, updates and deletes content and customer data.',
    scopes: [...read([...CONTENT, ...CUSTOMERS, 'analytics']), ...write([...CONTENT, ...CUSTOMERS])],
  },
  admin: { description: 'Complete administrative access, including users and keys.', scopes: ALL_SCOPES },
  webhook: {
    description:
      'Manages webhook endpoints for the events of content and customer accounts, and reads their deliveries. Receiving an event exposes its data, so the key reads what its endpoints receive.',
    scopes: ['webhooks:read', 'webhooks:write', ...read([...CONTENT, ...CUSTOMERS])],
  },
} as const satisfies Record<string, { description: string; scopes: readonly Scope[] }>;

export type KeyType = keyof typeof KEY_TYPES;

/** Seed 3's administrative scopes, mapped onto ours. */
export const SCOPE_ALIASES: Record<string, Scope[]> = {
  'admin:users': ['users:read', 'users:write'],
  'admin:keys': ['api_keys:read', 'api_keys:write'],
  'admin:orgs': ['organization:read', 'organization:write'],
};

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as string[]).includes(value);
}
