import * as z from 'zod';
import { faq, updateFaqBody } from '#services/faqs/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of the trust center's FAQs. */
export const faqEvents = [
  defineEvent({ type: 'faq.created', summary: 'An FAQ was created.', data: z.strictObject({ faq }) }),
  defineEvent({
    type: 'faq.updated',
    summary: 'An FAQ was changed; `changed` names the fields the request set.',
    data: z.strictObject({ faq, changed: z.array(updateFaqBody.keyof()) }),
  }),
  defineEvent({
    type: 'faq.deleted',
    summary: 'An FAQ was deleted; `faq` is how it was just before.',
    data: z.strictObject({ faq }),
  }),
];
