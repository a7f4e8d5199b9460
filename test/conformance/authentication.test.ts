import { afterAll, describe, expect, it } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { request } from '../support/api.ts';
import { errorFormat, fillPath, protectedRoutes, visitorRoutes } from './route-requests.ts';

/** Every non-public route in the route table, without or with an invalid credential → 401 in the error format. */
let sent = 0;

const forged = issueDevelopmentCredential(
  { tenantId: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P', principalId: 'usr_x', role: 'owner', scopes: ['*'] },
  'not-the-platform-secret',
);
const invalidCredentials: Record<string, Record<string, string>> = {
  'no Authorization header': {},
  'an empty bearer token': { Authorization: 'Bearer ' },
  'a malformed bearer token': { Authorization: 'Bearer not-a-token' },
  'a made-up API key': { Authorization: 'Bearer sk_live_abcd1234567890' },
  'a credential signed with another secret': { Authorization: `Bearer ${forged}` },
  'a Basic scheme': { Authorization: 'Basic YWRtaW46YWRtaW4=' },
  'a JWT-looking token': { Authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2lnbmF0dXJl' },
};

afterAll(() => {
  console.log(
    `conformance/authentication: ${sent} requests sent to ${protectedRoutes.length} protected routes`,
  );
});

describe.each(protectedRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it.each(Object.entries(invalidCredentials))(
      'answers 401 in the error format to %s',
      async (_name, headers) => {
        const path = fillPath(route, () => 'acc_00000000000000000000000000');

        const response = await request(route.method, path, {
          headers,
          body: route.request?.body ? {} : undefined,
        });
        sent += 1;

        expect(response.status).toBe(401);
        expect(errorFormat.parse(response.body).error.type).toBe('authentication_error');
      },
    );
  },
);

// The other side of the rule: a visitor route never asks for a credential, whatever it then answers.
describe.each(visitorRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s (visitor)',
  (_, route) => {
    it('answers without a credential, never 401 or 403', async () => {
      const path = fillPath(route, () => 'acc_00000000000000000000000000');

      const response = await request(route.method, path, { body: route.request?.body ? {} : undefined });
      sent += 1;

      expect(response.status, response.text).not.toBe(401);
      expect(response.status, response.text).not.toBe(403);
    });
  },
);
