import { describe, expect, it } from 'vitest';
import { request } from '../support/api.ts';

interface ErrorAnswer {
  error: { type: string; message: string };
}

describe('POST /api/v1/login/refresh', () => {
  it('refuses a refresh token that names no session with 401 about the refresh token, not a password', async () => {
    const refused = await request<ErrorAnswer>('POST', '/api/v1/login/refresh', {
      body: { refreshToken: 'not-a-refresh-token-0123456789' },
    });

    expect(refused.status).toBe(401);
    expect(refused.body.error.type).toBe('authentication_error');
    expect(refused.body.error.message).toMatch(/refresh token/i);
    expect(refused.body.error.message).not.toMatch(/email|password/i);
  });

  it('still refuses a wrong password with the sign-in message', async () => {
    const refused = await request<ErrorAnswer>('POST', '/api/v1/login', {
      body: { email: 'nobody-refresh-test@example.com', password: 'Wrong-password-1' },
    });

    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('Invalid email or password');
  });
});
