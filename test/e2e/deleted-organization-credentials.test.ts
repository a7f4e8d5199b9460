import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';
import { as, newOrganization, operatorJwt, PASSWORD } from '../support/organizations.ts';
import { invitationTokenFor, uniqueEmail } from '../support/people.ts';

interface ErrorBody {
  error: { type: string; message: string };
}

/**
 * An organization pending deletion hands out no credential by any path: the authorizer refuses those it
 * has (organization-lifecycle.test.ts), and sign-in, refresh, joining, new keys and invitations are refused
 * here, each with an error that says why. Restoring it opens them again.
 */
describe('an organization pending deletion', () => {
  it('refuses every path that would hand out a credential of it, saying why, until it is restored', async () => {
    const org = await newOrganization('Closing Corp');
    const signedIn = await request<{ refreshToken: string }>('POST', '/api/v1/login', {
      body: { email: org.ownerEmail, password: PASSWORD },
    });
    const inviteeEmail = uniqueEmail('closing-invitee');
    const invited = await org.owner('POST', `/api/v1/organizations/${org.orgId}/members`, {
      body: { email: inviteeEmail, role: 'viewer' },
    });
    const invitations = await org.owner<{ invitations: { id: string; email: string }[] }>(
      'GET',
      `/api/v1/organizations/${org.orgId}/invitations`,
    );
    const invitationId = invitations.body.invitations.find((item) => item.email === inviteeEmail)?.id;
    const invitationToken = await invitationTokenFor(inviteeEmail);
    const operator = as(await operatorJwt());
    expect([signedIn.status, invited.status], invited.text).toEqual([200, 201]);

    const deleted = await operator('DELETE', `/api/v1/organizations/${org.orgId}`);
    const refused = {
      login: await request<ErrorBody>('POST', '/api/v1/login', {
        body: { email: org.ownerEmail, password: PASSWORD },
      }),
      refresh: await request<ErrorBody>('POST', '/api/v1/login/refresh', {
        body: { refreshToken: signedIn.body.refreshToken },
      }),
      accept: await request<ErrorBody>('POST', '/api/v1/invitations/accept', {
        body: { token: invitationToken, password: PASSWORD },
      }),
      key: await operator<ErrorBody>('POST', `/api/v1/organizations/${org.orgId}/api-keys`, {
        body: { name: 'Late key', scopes: ['accounts:read'] },
      }),
      seed3Key: await operator<ErrorBody>('POST', '/api/v1/api-keys', {
        body: { organization_id: org.orgId, name: 'Late key', scopes: ['accounts:read'] },
      }),
      invitation: await operator<ErrorBody>('POST', `/api/v1/organizations/${org.orgId}/members`, {
        body: { email: uniqueEmail('closing-late'), role: 'viewer' },
      }),
      resend: await operator<ErrorBody>(
        'POST',
        `/api/v1/organizations/${org.orgId}/invitations/${invitationId}/resend`,
      ),
    };
    const restored = await operator('POST', `/api/v1/organizations/${org.orgId}/restore`);
    const loginAgain = await request('POST', '/api/v1/login', {
      body: { email: org.ownerEmail, password: PASSWORD },
    });

    expect(deleted.status).toBe(202);
    for (const path of ['login', 'refresh', 'accept'] as const) {
      expect(refused[path].status, `${path}: ${refused[path].text}`).toBe(403);
      expect(refused[path].body.error.message, path).toContain('pending deletion');
    }
    for (const path of ['key', 'seed3Key', 'invitation', 'resend'] as const) {
      expect(refused[path].status, `${path}: ${refused[path].text}`).toBe(409);
      expect(refused[path].body.error.message, path).toContain('pending deletion');
    }
    expect(restored.status).toBe(200);
    expect(loginAgain.status, loginAgain.text).toBe(200);
  });
});
