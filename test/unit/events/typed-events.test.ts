import { describe, expectTypeOf, it } from 'vitest';
import type { Identity } from '#shared/auth/identity';
import { defineConsumer } from '#shared/events/consumer';
import { type CataloguedEvent, domainEvent, type EventData, type EventType } from '#shared/events/envelope';

// Type-level tests: `tsc --noEmit` (npm run check) compiles this file, and an unused `@ts-expect-error`
// fails it, so each marked line must stay a compile error. Vitest runs the bodies too (they build events).

const identity: Identity = {
  tenantId: 'org_1',
  principalId: 'usr_1',
  principalType: 'user',
  role: 'admin',
  scopes: ['*'],
};
const faq = {
  id: 'faq_1',
  language: 'en',
  question: 'Q?',
  answer: 'A.',
  category: null,
  published: true,
  position: 0,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
} as EventData<'faq.created'>['faq'];

describe('the event catalogue, at compile time', () => {
  it('names every catalogued type in EventType, and nothing else', () => {
    expectTypeOf<'document.deleted'>().toExtend<EventType>();
    expectTypeOf<'document.delted'>().not.toExtend<EventType>();
  });

  it('types each event’s data by its schema in the catalogue', () => {
    expectTypeOf<EventData<'faq.deleted'>>().toEqualTypeOf<{ faq: typeof faq }>();
    expectTypeOf<EventData<'subprocessor_notice.due'>>().toEqualTypeOf<{
      batch_id: string;
      first_pending_at: string;
    }>();
  });

  it('builds only catalogued types, with their data', () => {
    const created = domainEvent('faq.created', identity, { faq });
    expectTypeOf(created.type).toEqualTypeOf<'faq.created'>();
    expectTypeOf(created.data).toEqualTypeOf<EventData<'faq.created'>>();

    // @ts-expect-error a misspelt type is not in the catalogue
    domainEvent('document.delted', identity, { documnt: 1 });
    // @ts-expect-error a misspelt data field is not in the type's schema
    domainEvent('faq.deleted', identity, { fqa: faq });
    // @ts-expect-error a required data field is missing
    domainEvent('subprocessor_notice.due', identity, { batch_id: 'spb_1' });
    // @ts-expect-error a data field of the wrong type
    domainEvent('subprocessor_notice.due', identity, { batch_id: 1, first_pending_at: '2026-01-01' });
  });

  it('builds system and visitor events the same way', () => {
    const due = domainEvent(
      'subprocessor_notice.due',
      { tenantId: 'org_1', system: 'subprocessor-notices' },
      { batch_id: 'spb_1', first_pending_at: '2026-01-01T00:00:00.000Z' },
    );
    expectTypeOf(due).toEqualTypeOf<CataloguedEvent<'subprocessor_notice.due'>>();
    // @ts-expect-error a system origin names its system
    domainEvent('faq.created', { tenantId: 'org_1' }, { faq });
  });

  it('subscribes consumers to catalogued types only, and narrows data by type', () => {
    defineConsumer({
      name: 'typed-consumer',
      service: 'faqs',
      summary: 'A consumer whose handler sees the data of the events it subscribes to',
      events: ['faq.created', 'faq.deleted'],
      async handle(event) {
        expectTypeOf(event.type).toEqualTypeOf<'faq.created' | 'faq.deleted'>();
        expectTypeOf(event.data.faq).toEqualTypeOf(faq);
        // @ts-expect-error no event it subscribes to has `document` data
        void event.data.document;
      },
    });
    defineConsumer({
      name: 'misspelt-consumer',
      service: 'documents',
      summary: 'Subscribes to a type that does not exist',
      // @ts-expect-error a misspelt type is not in the catalogue
      events: ['document.delted'],
      async handle() {},
    });
  });
});
