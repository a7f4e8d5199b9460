/**
 * The JSON bodies of incoming-webhook posts. Slack: `text` (the notification's fallback and push text) plus
 * Block Kit blocks. Teams (Workflows incoming webhooks): a message carrying an Adaptive Card.
 */
export interface ChatMessage {
  title: string;
  facts: readonly { name: string; value: string }[];
  /** Small print: the event type and id, or the test marker. */
  context: string;
}

const SLACK_MAX_FIELDS = 10;

export function slackPayload(message: ChatMessage) {
  const fields = message.facts.slice(0, SLACK_MAX_FIELDS).map((fact) => ({
    type: 'mrkdwn',
    text: `*${escapeSlack(fact.name)}*\n${escapeSlack(fact.value)}`,
  }));
  return {
    text: message.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: false } },
      ...(fields.length > 0 ? [{ type: 'section', fields }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(message.context) }] },
    ],
  };
}

export function teamsPayload(message: ChatMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            {
              type: 'FactSet',
              facts: message.facts.map((fact) => ({ title: fact.name, value: fact.value })),
            },
            { type: 'TextBlock', text: message.context, isSubtle: true, size: 'Small', wrap: true },
          ],
        },
      },
    ],
  };
}

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters. */
function escapeSlack(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
