import { describe, expect, it } from 'vitest';
import { factsOf } from '#services/notifications/event-messages';
import { noticeLines } from '#services/notifications/send-subprocessor-notice';

describe('notice lines', () => {
  it('describe each change in the subscriber’s language, without repeating an addition’s name', () => {
    const lines = noticeLines(
      [
        {
          subprocessor_id: 'sub_1',
          name: 'Mailgun',
          kind: 'added',
          effective_date: '2031-03-01',
          changes: [
            { field: 'name', before: null, after: 'Mailgun' },
            { field: 'data_categories', before: null, after: ['email', 'name'] },
          ],
        },
        {
          subprocessor_id: 'sub_2',
          name: 'Hetzner',
          kind: 'removed',
          effective_date: '2031-04-01',
          changes: [],
        },
      ],
      'fr',
    );

    expect(lines).toEqual([
      {
        name: 'Mailgun',
        kind: 'ajouté',
        effective_label: 'en vigueur le',
        effective_date: '2031-03-01',
        details: [{ field: 'catégories de données', before: '(aucun)', after: 'email, name' }],
      },
      {
        name: 'Hetzner',
        kind: 'retiré',
        effective_label: 'en vigueur le',
        effective_date: '2031-04-01',
        details: [],
      },
    ]);
  });
});

describe('event facts', () => {
  it('list primitive values two levels deep and leave out anything named like a secret', () => {
    const facts = factsOf({
      faq: { question: 'Q?', tags: ['a', 'b'], nested: { deep: 'hidden' } },
      token: 'never',
      webhook: { secret_prefix: 'whsec', url: 'https://example.com' },
    });

    expect(facts).toEqual([
      { name: 'faq.question', value: 'Q?' },
      { name: 'faq.tags', value: 'a, b' },
      { name: 'webhook.url', value: 'https://example.com' },
    ]);
  });
});
