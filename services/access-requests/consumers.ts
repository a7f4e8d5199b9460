import { mailMagicLink, mailRejection } from '#services/access-requests/access-mailer';
import { defineConsumer } from '#shared/events/consumer';

export const accessRequestConsumers = [
  defineConsumer({
    name: 'access-request-mailer',
    service: 'access-requests',
    summary:
      'Mails the visitor the outcome of an access request: a single-use magic link on approval (by a reviewer or a rule), a notice on rejection.',
    events: ['access_request.approved', 'access_request.rejected'],
    access: ['email'],
    async handle(event, { now }) {
      if (event.type === 'access_request.approved') {
        await mailMagicLink(event, now);
      } else {
        await mailRejection(event, now);
      }
    },
  }),
];
