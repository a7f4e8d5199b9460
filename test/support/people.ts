import { request } from './api.ts';

let sequence = 0;

/** An address no other test uses: `<label>-<time>-<n>-<random>@<domain>`. */
export function uniqueEmail(label: string, domain = 'people.example'): string {
  sequence += 1;
  return `${label}-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 8)}@${domain}`;
}

/** The token of the newest invitation mailed to `email` (read from the local SES store). */
export async function invitationTokenFor(email: string): Promise<string> {
  const mail = await request<{ emails: unknown[] }>('GET', '/_local/mail');
  const message = mail.body.emails.filter((item) => JSON.stringify(item).includes(email)).at(-1);
  const token = JSON.stringify(message ?? {}).match(/token=([A-Za-z0-9%]+)/)?.[1];
  if (!token) throw new Error(`No invitation mail for ${email}`);
  return decodeURIComponent(token);
}
