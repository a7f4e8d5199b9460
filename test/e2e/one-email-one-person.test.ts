import { describe, expect, inject, it } from 'vitest';
import { newTenant, request } from '../support/api.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';

const operator = inject('operator');
const PASSWORD = 'A-strong-passw0rd!';
const OTHER_PASSWORD = 'Another-passw0rd!';

async function signIn(email: string, password: string) {
  return request<{ accessToken: string }>('POST', '/api/v1/login', { body: { email, password } });
}

/**
 * One e-mail, one person: an invitation or a new organization never reaches a sign-in that exists
 * already (a platform operator's, another tenant's member), so accepting can never change its password.
 */
describe('one e-mail, one person', () => {
  it('refuses to invite the platform operator’s address into a tenant', async () => {
    const tenant = newTenant();

    const invited = await tenant.call('POST', '/api/v1/users', {
      body: { email: operator.email, role: 'viewer' },
    });

    expect(invited.status, invited.text).toBe(409);
    expect((await signIn(operator.email, operator.password)).status).toBe(200);
  });

  it('refuses an organization whose owner address is an operator’s or another tenant’s member', async () => {
    const operatorToken = (await signIn(operator.email, operator.password)).body.accessToken;
    const member = uniqueEmail('person', 'person.example');
    const first = await request<{ id: string }>('POST', '/api/v1/organizations', {
      token: operatorToken,
      body: { name: 'First Org', email: member, plan: 'free' },
    });
    expect(first.status, first.text).toBe(201);
    const accepted = await request('POST', '/api/v1/invitations/accept', {
      body: { token: await invitationTokenFor(member), password: PASSWORD },
    });
    expect(accepted.status, accepted.text).toBe(201);

    for (const email of [operator.email, member]) {
      const created = await request('POST', '/api/v1/organizations', {
        token: operatorToken,
        body: { name: 'Second Org', email, plan: 'free' },
      });
      expect(created.status, `${email}: ${created.text}`).toBe(409);
    }
  });

  it('keeps a member’s password when a second tenant’s invitation to the same address is accepted', async () => {
    const email = uniqueEmail('person', 'person.example');
    const first = newTenant();
    const second = newTenant();
    expect((await first.call('POST', '/api/v1/users', { body: { email, role: 'viewer' } })).status).toBe(201);
    const firstToken = await invitationTokenFor(email);
    // Both invitations are pending before anyone accepts, so both were allowed.
    expect((await second.call('POST', '/api/v1/users', { body: { email, role: 'viewer' } })).status).toBe(
      201,
    );
    const secondToken = await invitationTokenFor(email);
    expect(
      (
        await request('POST', '/api/v1/invitations/accept', {
          body: { token: firstToken, password: PASSWORD },
        })
      ).status,
    ).toBe(201);

    const takeover = await request('POST', '/api/v1/invitations/accept', {
      body: { token: secondToken, password: OTHER_PASSWORD },
    });

    expect(takeover.status, takeover.text).toBe(409);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    expect((await signIn(email, OTHER_PASSWORD)).status).toBe(401);
  });
});
