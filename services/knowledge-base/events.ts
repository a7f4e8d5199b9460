import * as z from 'zod';
import { entry, updateEntryBody } from '#services/knowledge-base/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of the knowledge base used for security questionnaires. */
export const knowledgeBaseEvents = [
  defineEvent({
    type: 'knowledge_base.created',
    summary: 'A knowledge base entry was created.',
    data: z.strictObject({ entry }),
  }),
  defineEvent({
    type: 'knowledge_base.updated',
    summary: 'A knowledge base entry was changed; `changed` names the fields the request set.',
    data: z.strictObject({ entry, changed: z.array(updateEntryBody.keyof()) }),
  }),
  defineEvent({
    type: 'knowledge_base.deleted',
    summary: 'A knowledge base entry was deleted; `entry` is how it was just before.',
    data: z.strictObject({ entry }),
  }),
];
