import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { request } from '../support/api.ts';
import { uniqueEmail } from '../support/people.ts';
import { table, tableName, useTableFromThisProcess } from '../support/table.ts';

const operator = inject('operator');
const admin = inject('admin');
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

let identity: typeof import('#services/identity/public');
let operatorJwt: string;

async function signIn(credentials: { email: string; password: string }): Promise<string> {
  const signedIn = await request<{ accessToken: string }>('POST', '/api/v1/login', { body: credentials });
  expect(signedIn.status, signedIn.text).toBe(200);
  return signedIn.body.accessToken;
}

async function createOrganization(body: Record<string, unknown>) {
  return request<{ id: string; slug: string }>('POST', '/api/v1/organizations', {
    token: operatorJwt,
    body: { email: uniqueEmail('slug', 'slugs.example'), plan: 'free', ...body },
  });
}

beforeAll(async () => {
  useTableFromThisProcess();
  identity = await import('#services/identity/public');
  operatorJwt = await signIn(operator);
});

/** The brand helper's promised interface: every organization has a unique slug, resolvable by key. */
describe('organization slugs', () => {
  it('are unique DNS labels, even for organizations of the same name', async () => {
    const name = `Ünïque Name ${Date.now()}`;

    const first = await createOrganization({ name });
    const second = await createOrganization({ name });

    expect(first.status, first.text).toBe(201);
    expect(second.status, second.text).toBe(201);
    expect(first.body.slug).toMatch(DNS_LABEL);
    expect(second.body.slug).toMatch(DNS_LABEL);
    expect(first.body.slug).toMatch(/^unique-name-/);
    expect(second.body.slug).not.toBe(first.body.slug);
  });

  it('resolve both ways: organizationSlug and tenantOfSlug', async () => {
    const created = await createOrganization({ name: `Both Ways ${Date.now()}` });

    const slug = await identity.organizationSlug(created.body.id);
    const tenant = await identity.tenantOfSlug(created.body.slug);

    expect(slug).toBe(created.body.slug);
    expect(tenant).toBe(created.body.id);
    expect(await identity.tenantOfSlug('no-such-slug-anywhere')).toBeNull();
    expect(await identity.organizationSlug('org_00000000000000000000000000')).toBeNull();
  });

  it('take the slug an operator chooses, and refuse a taken, reserved or malformed one', async () => {
    const chosen = `chosen-${Date.now().toString(36)}`;

    const created = await createOrganization({ name: 'Anything', slug: chosen });
    const taken = await createOrganization({ name: 'Other', slug: chosen });
    const reserved = await createOrganization({ name: 'Other', slug: 'www' });
    const malformed = await createOrganization({ name: 'Other', slug: '-Not_A_Label' });

    expect(created.status, created.text).toBe(201);
    expect(created.body.slug).toBe(chosen);
    expect(taken.status, taken.text).toBe(409);
    expect(taken.body).toMatchObject({ error: { type: 'conflict', param: 'slug' } });
    expect(reserved.status, reserved.text).toBe(400);
    expect(reserved.body).toMatchObject({ error: { param: 'slug' } });
    expect(malformed.status, malformed.text).toBe(400);
    expect(malformed.body).toMatchObject({ error: { param: 'slug' } });
    expect(await identity.tenantOfSlug(chosen)).toBe(created.body.id);
  });

  it('give the local demo tenant the slug demo', async () => {
    const owner = await signIn(admin);

    const listed = await request<{ organizations: { id: string; slug: string }[] }>(
      'GET',
      '/api/v1/organizations',
      { token: owner },
    );

    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.organizations.map((org) => org.slug)).toEqual(['demo']);
    expect(await identity.tenantOfSlug('demo')).toBe(listed.body.organizations[0]?.id);
  });

  it('are claimed for an organization made before slugs were unique', async () => {
    const created = await createOrganization({ name: `Older ${Date.now()}` });
    // As it was before claims existed: the slug on the item, no claim item.
    await table.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: `slug#${created.body.slug}`, sk: 'slug' } }),
    );
    await table.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `${created.body.id}#organization`, sk: 'organization' },
        UpdateExpression: 'REMOVE slugClaimed',
      }),
    );
    const unresolved = await identity.tenantOfSlug(created.body.slug);

    const { claimMissingSlugs } = await import('#services/identity/provision');
    await claimMissingSlugs();

    expect(unresolved).toBeNull();
    expect(await identity.tenantOfSlug(created.body.slug)).toBe(created.body.id);
    expect(await identity.organizationSlug(created.body.id)).toBe(created.body.slug);
  });
});
