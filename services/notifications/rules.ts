import type { Channel } from '#services/notifications/schemas';
import { eventPatternMatches } from '#shared/events/catalogue';

export interface NotificationRule {
  event: string;
  channels: readonly string[];
}

/** Whether a rule's pattern names an event type: exactly, by resource prefix (`access_request.*`), or `*`. */
export const ruleMatches = eventPatternMatches;

/** The channels an event goes to: the union over every rule that names it, in a fixed order. */
export function channelsFor(rules: readonly NotificationRule[], eventType: string): Channel[] {
  const chosen = new Set(
    rules.filter((rule) => ruleMatches(rule.event, eventType)).flatMap((rule) => rule.channels),
  );
  return (['email', 'slack', 'teams'] as const).filter((channel) => chosen.has(channel));
}
