import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrustCenter, submitAccessRequest } from '../support/access-requests.ts';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

interface Settings {
  channels: {
    email: { recipients: string[]; language: string };
    slack: { webhook_url: string | null };
    teams: { webhook_url: string | null };
  };
  rules: { event: string; channels: string[] }[];
  subprocessor_notices: { objection_window_days: number };
}

/** A stand-in for Slack's and Teams' incoming webhooks: records every post; a path can be told to fail. */
class ChatReceiver {
  readonly posts: { path: string; body: unknown }[] = [];
  readonly failures = new Map<string, number>();
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const left = this.failures.get(path) ?? 0;
        if (left > 0) {
          this.failures.set(path, left - 1);
          res.writeHead(500).end('unavailable');
          return;
        }
        this.posts.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  to(path: string) {
    return this.posts.filter((post) => post.path === path);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

const receiver = new ChatReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;
const address = (label: string) => `${unique(label)}@example.com`;

async function mailTo(email: string): Promise<Mail[]> {
  const mail = await request<{ emails: Mail[] }>('GET', '/_local/mail');
  return mail.body.emails.filter((item) => item.destination.to.includes(email));
}

async function settle(tenant: TestTenant): Promise<void> {
  const settled = await tenant.call<{ violations: string[] }>('POST', '/_local/events/settle');
  expect(settled.status).toBe(200);
  expect(settled.body.violations.filter((violation) => violation.startsWith('notification'))).toEqual([]);
}

async function putSettings(tenant: TestTenant, body: unknown) {
  return tenant.call<Settings>('PUT', '/api/v1/notifications/settings', { body });
}

async function createFaq(tenant: TestTenant, question = 'Do you encrypt data at rest?') {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
    body: { question, answer: 'Yes, with AES-256.' },
  });
  expect(created.status).toBe(201);
  return created.body;
}

describe('notification settings', () => {
  it('start empty, round-trip, and show webhook URLs only masked', async () => {
    const tenant = newTenant();
    const slackSecret = unique('slack-secret');
    const teamsSecret = unique('teams-secret');
    const recipient = address('ops');

    const empty = await tenant.call<Settings>('GET', '/api/v1/notifications/settings');
    const stored = await putSettings(tenant, {
      channels: {
        email: { recipients: [recipient], language: 'de' },
        slack: { webhook_url: `${receiver.url}/services/${slackSecret}` },
        teams: { webhook_url: `${receiver.url}/workflows/${teamsSecret}` },
      },
      rules: [{ event: 'faq.*', channels: ['email', 'slack'] }],
      subprocessor_notices: { objection_window_days: 14 },
    });
    const read = await tenant.call<Settings>('GET', '/api/v1/notifications/settings');
    const outbox = JSON.stringify(await partition(`${tenant.tenantId}#outbox`));

    expect(empty.status).toBe(200);
    expect(empty.body.channels.slack.webhook_url).toBeNull();
    expect(stored.status).toBe(200);
    expect(read.body).toEqual(stored.body);
    expect(read.body).toMatchObject({
      channels: { email: { recipients: [recipient], language: 'de' } },
      rules: [{ event: 'faq.*', channels: ['email', 'slack'] }],
      subprocessor_notices: { objection_window_days: 14 },
    });
    expect(read.body.channels.slack.webhook_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…/);
    expect(read.text).not.toContain(slackSecret);
    expect(read.text).not.toContain(teamsSecret);
    expect(outbox).toContain('notification_settings.updated');
    expect(outbox).not.toContain(slackSecret);
    expect(outbox).not.toContain(recipient);
  });

  it('keep a stored webhook URL when the masked value is sent back, and remove it on null', async () => {
    const tenant = newTenant();
    const first = await putSettings(tenant, {
      channels: { slack: { webhook_url: `${receiver.url}/keep/${unique('s')}` } },
      rules: [{ event: 'faq.created', channels: ['slack'] }],
    });
    const masked = first.body.channels.slack.webhook_url;

    const again = await putSettings(tenant, { ...first.body, updated_at: undefined });
    await createFaq(tenant);
    await settle(tenant);
    const removed = await putSettings(tenant, { channels: { slack: { webhook_url: null } }, rules: [] });

    expect(again.status).toBe(200);
    expect(again.body.channels.slack.webhook_url).toBe(masked);
    expect(receiver.posts.filter((post) => post.path.startsWith('/keep/'))).toHaveLength(1);
    expect(removed.body.channels.slack.webhook_url).toBeNull();
  });

  it('refuse a rule that sends to a channel that is not configured', async () => {
    const tenant = newTenant();

    const response = await putSettings(tenant, {
      channels: { email: { recipients: [] } },
      rules: [{ event: 'faq.created', channels: ['teams'] }],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'rules.0' } });
  });

  it('refuse an If-Match that names an older version with 412', async () => {
    const tenant = newTenant();
    const first = await putSettings(tenant, { channels: {}, rules: [] });
    await putSettings(tenant, { channels: {}, rules: [] });

    const stale = await tenant.call('PUT', '/api/v1/notifications/settings', {
      body: { channels: {}, rules: [] },
      headers: { 'If-Match': first.headers.get('etag') ?? '' },
    });

    expect(stale.status).toBe(412);
  });
});

describe('the notifier', () => {
  it("mails an event a rule routes to email in the settings' language, German and French", async () => {
    const german = newTenant();
    const french = newTenant();
    const deRecipient = address('de');
    const frRecipient = address('fr');
    await putSettings(german, {
      channels: { email: { recipients: [deRecipient], language: 'de' } },
      rules: [{ event: 'faq.*', channels: ['email'] }],
    });
    await putSettings(french, {
      channels: { email: { recipients: [frRecipient], language: 'fr' } },
      rules: [{ event: 'faq.created', channels: ['email'] }],
    });

    await createFaq(german);
    await createFaq(french);
    await settle(german);
    const [deMail, ...deMore] = await mailTo(deRecipient);
    const [frMail, ...frMore] = await mailTo(frRecipient);

    expect(deMore).toHaveLength(0);
    expect(frMore).toHaveLength(0);
    expect(deMail?.subject).toBe('[Trust Center] Neues Ereignis: faq.created');
    expect(deMail?.body.text).toContain('Gesendet vom Trust Center von Trust Center.');
    expect(deMail?.body.text).toContain('Do you encrypt data at rest?');
    expect(frMail?.subject).toBe('[Trust Center] Nouvel événement : faq.created');
    expect(frMail?.body.html).toContain('Envoyé par le trust center de');
  });

  it('escapes event values in the HTML part and keeps them as they are in the text part', async () => {
    const tenant = newTenant();
    const recipient = address('html');
    await putSettings(tenant, {
      channels: { email: { recipients: [recipient], language: 'en' } },
      rules: [{ event: '*', channels: ['email'] }],
    });

    await createFaq(tenant, 'Is <b>this</b> & that safe?');
    await settle(tenant);
    const mail = (await mailTo(recipient)).find((item) => item.subject.includes('faq.created'));

    expect(mail?.body.html).toContain('Is &lt;b&gt;this&lt;/b&gt; &amp; that safe?');
    expect(mail?.body.text).toContain('Is <b>this</b> & that safe?');
  });

  it('posts to Slack (text and blocks) and Teams (an Adaptive Card)', async () => {
    const tenant = newTenant();
    const slackPath = `/services/${unique('slack')}`;
    const teamsPath = `/workflows/${unique('teams')}`;
    await putSettings(tenant, {
      channels: {
        slack: { webhook_url: `${receiver.url}${slackPath}` },
        teams: { webhook_url: `${receiver.url}${teamsPath}` },
      },
      rules: [{ event: 'faq.created', channels: ['slack', 'teams'] }],
    });

    await createFaq(tenant);
    await settle(tenant);
    const [slack] = receiver.to(slackPath);
    const [teams] = receiver.to(teamsPath);

    expect(receiver.to(slackPath)).toHaveLength(1);
    expect(slack?.body).toMatchObject({
      text: '[Trust Center] New event: faq.created',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '[Trust Center] New event: faq.created' } },
        {
          type: 'section',
          fields: expect.arrayContaining([
            { type: 'mrkdwn', text: expect.stringContaining('Do you encrypt') },
          ]),
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: expect.stringMatching(/^faq\.created · evt_/) }],
        },
      ],
    });
    expect(receiver.to(teamsPath)).toHaveLength(1);
    expect(teams?.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: '[Trust Center] New event: faq.created' },
              {
                type: 'FactSet',
                facts: expect.arrayContaining([
                  { title: 'faq.question', value: 'Do you encrypt data at rest?' },
                ]),
              },
              { type: 'TextBlock', text: expect.stringMatching(/^faq\.created · evt_/) },
            ],
          },
        },
      ],
    });
  });

  it('quotes, caps and de-links a visitor’s words in a chat title, as in a mail subject', async () => {
    const tenant = newTenant();
    await openTrustCenter(tenant);
    const slackPath = `/services/${unique('slack')}`;
    await putSettings(tenant, {
      channels: { slack: { webhook_url: `${receiver.url}${slackPath}` } },
      rules: [{ event: 'access_request.submitted', channels: ['slack'] }],
    });
    const document = await tenant.call<{ id: string }>('POST', '/api/v1/documents', {
      body: { title: 'Report', access_level: 'restricted' },
    });

    const submitted = await submitAccessRequest(tenant, {
      name: 'Your account is locked. Verify at https://evil.example/login now',
      email: address('visitor'),
      company: 'Evil',
      document_ids: [document.body.id],
    });
    await settle(tenant);
    const title = (receiver.to(slackPath)[0]?.body as { text: string } | undefined)?.text ?? '';

    expect(submitted.status, submitted.text).toBe(201);
    expect(title).toContain('“');
    expect(title).not.toContain('https://');
    expect(title).not.toContain('evil.example');
  });

  it('retries a failing channel without sending the others again', async () => {
    const tenant = newTenant();
    const recipient = address('retry');
    const slackPath = `/services/${unique('flaky')}`;
    const teamsPath = `/workflows/${unique('steady')}`;
    receiver.failures.set(slackPath, 2);
    await putSettings(tenant, {
      channels: {
        email: { recipients: [recipient], language: 'en' },
        slack: { webhook_url: `${receiver.url}${slackPath}` },
        teams: { webhook_url: `${receiver.url}${teamsPath}` },
      },
      rules: [{ event: 'faq.created', channels: ['email', 'slack', 'teams'] }],
    });

    await createFaq(tenant);
    await settle(tenant);

    expect(receiver.failures.get(slackPath)).toBe(0);
    expect(receiver.to(slackPath)).toHaveLength(1);
    expect(receiver.to(teamsPath)).toHaveLength(1);
    expect(await mailTo(recipient)).toHaveLength(1);
  });

  it('sends a test message to every configured channel', async () => {
    const tenant = newTenant();
    const recipient = address('test');
    const slackPath = `/services/${unique('test')}`;
    await putSettings(tenant, {
      channels: {
        email: { recipients: [recipient], language: 'fr' },
        slack: { webhook_url: `${receiver.url}${slackPath}` },
      },
      rules: [],
    });

    const response = await tenant.call<{ results: { channel: string; status: string }[] }>(
      'POST',
      '/api/v1/notifications/test',
    );
    const [mail] = await mailTo(recipient);

    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { channel: 'email', status: 'sent' },
      { channel: 'slack', status: 'sent' },
      { channel: 'teams', status: 'not_configured' },
    ]);
    expect(mail?.subject).toBe('[Trust Center] Notification de test du trust center de Trust Center');
    expect(receiver.to(slackPath)).toHaveLength(1);
  });
});
