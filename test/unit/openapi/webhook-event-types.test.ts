import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '#services/registry';
import { SUBSCRIBABLE_EVENT_TYPES } from '#services/webhooks/schemas';

describe('the event types a webhook endpoint may subscribe to', () => {
  it('are published as exactly the catalogue types offered to webhooks (add a new type to SUBSCRIBABLE_EVENT_TYPES)', () => {
    const offered = eventCatalogue.filter((event) => event.webhook !== false).map((event) => event.type);

    expect([...SUBSCRIBABLE_EVENT_TYPES].sort()).toEqual(offered.sort());
  });
});
