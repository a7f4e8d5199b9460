import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '#services/registry';
import { outboxItem } from '#shared/data/outbox';
import { OUTBOX_INPUT_TEMPLATE, renderInputTemplate } from '#shared/events/bus';
import { EVENT_TYPE_PATTERN } from '#shared/events/catalogue';
import { catalogueViolation } from '#shared/events/check';
import type { DomainEvent } from '#shared/events/envelope';

/** Every TypeScript source file under a folder. */
async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What the services emit: the first argument of every `domainEvent(` call in their source. */
async function emittedEventTypes(): Promise<{ types: Map<string, string>; unreadable: string[] }> {
  const types = new Map<string, string>();
  const unreadable: string[] = [];
  for (const file of await sourceFiles('services')) {
    const source = await readFile(file, 'utf8');
    for (const call of source.matchAll(/\bdomainEvent\(\s*([^,)]*)/g)) {
      const literal = /^(['"`])([^'"`$]+)\1$/.exec(call[1]?.trim() ?? '');
      if (literal?.[2]) types.set(literal[2], file);
      else unreadable.push(`${file}: domainEvent(${call[1]}`);
    }
  }
  return { types, unreadable };
}

/** The bus event's detail as the pipe (and the local relay) renders it from the outbox item's stream record. */
function published(event: DomainEvent): Record<string, unknown> {
  const record = {
    eventName: 'INSERT',
    dynamodb: { NewImage: marshall(outboxItem(event), { removeUndefinedValues: true }) },
  };
  return renderInputTemplate(OUTBOX_INPUT_TEMPLATE, record) as Record<string, unknown>;
}

const at = '2025-01-15T10:00:00.000Z';
function accountCreated(account: Record<string, unknown>): DomainEvent {
  return {
    id: 'evt_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
    type: 'account.created',
    tenant_id: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
    occurred_at: at,
    actor: { type: 'user', id: 'usr_01JD3Q6V9Z8X7W6V5T4S3R2Q1P', ip: '203.0.113.7' },
    data: { account },
  };
}
const account = {
  id: 'acc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  title: 'Acme',
  description: null,
  contacts: [
    {
      id: 'con_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
      email: 'a@acme.test',
      first_name: 'A',
      last_name: 'B',
      title: null,
    },
  ],
  nda: { status: 'none', signed_at: null },
  access_expires_at: null,
  email_domains: [],
  created_at: at,
  updated_at: at,
};

describe('the event catalogue', () => {
  it('names each event type once, as `resource.action`', () => {
    const types = eventCatalogue.map((event) => event.type);

    expect(types.filter((type, index) => types.indexOf(type) !== index)).toEqual([]);
    expect(types.filter((type) => !EVENT_TYPE_PATTERN.test(type))).toEqual([]);
  });

  it('holds every event type a service emits (scanned from the domainEvent calls under services/)', async () => {
    const { types, unreadable } = await emittedEventTypes();
    const catalogued = new Set<string>(eventCatalogue.map((event) => event.type));

    expect(types.size).toBeGreaterThan(0);
    // A computed type cannot be checked here: pass the type to domainEvent as a string literal.
    expect(unreadable).toEqual([]);
    expect(
      [...types].filter(([type]) => !catalogued.has(type)).map(([type, file]) => `${type} (${file})`),
    ).toEqual([]);
  });

  it('gives each event a summary', () => {
    expect(eventCatalogue.filter((event) => event.summary.trim().length === 0)).toEqual([]);
  });
});

describe('catalogueViolation', () => {
  it('accepts an event whose data matches its schema', () => {
    expect(catalogueViolation(eventCatalogue, published(accountCreated(account)), 'account.created')).toBe(
      undefined,
    );
  });

  it('names the event and the field when the data is off its schema', () => {
    const event = accountCreated({ ...account, title: 42 });

    const violation = catalogueViolation(eventCatalogue, published(event), 'account.created');

    expect(violation).toContain(event.id);
    expect(violation).toContain('account.title');
  });

  it('refuses data with a field the catalogue does not declare', () => {
    const event = { ...accountCreated(account), data: { account, surprise: true } };

    expect(catalogueViolation(eventCatalogue, published(event), 'account.created')).toContain(event.id);
  });

  it('refuses an event type the catalogue does not know', () => {
    const event = { ...accountCreated(account), type: 'account.exploded' };

    expect(catalogueViolation(eventCatalogue, published(event), 'account.exploded')).toMatch(
      /account\.exploded \(evt_\w+\) is not in the event catalogue/,
    );
  });
});
