import { dropDeletedDocumentShares } from '#services/accounts/drop-deleted-document-shares';
import { defineConsumer } from '#shared/events/consumer';

export const accountConsumers = [
  defineConsumer({
    name: 'document-share-cleanup',
    service: 'accounts',
    summary: 'Stops sharing a deleted document with the accounts that had it',
    events: ['document.deleted'],
    async handle(event, { now }) {
      await dropDeletedDocumentShares(event, now);
    },
  }),
];
