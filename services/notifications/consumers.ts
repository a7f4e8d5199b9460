import { notifyEvent } from '#services/notifications/notify';
import { sendSubprocessorNotice } from '#services/notifications/send-subprocessor-notice';
import { collectSubprocessorChange } from '#services/notifications/subprocessor-notices';
import { defineConsumer } from '#shared/events/consumer';

const service = 'notifications';

/** The notifications service's consumers; services/registry.ts collects them. */
export const notificationConsumers = [
  defineConsumer({
    name: 'notifier',
    service,
    summary: "Sends every event a tenant's notification rules name to email (SES templates), Slack and Teams",
    // Rules may name any event type or prefix, so the notifier hears every event and consults the rules.
    events: '*',
    access: ['email', 'outbound'],
    handle: (event, { now }) => notifyEvent(event, now),
  }),
  defineConsumer({
    name: 'subprocessor-notices',
    service,
    summary:
      'Collects subprocessor changes into a batch per tenant, and mails each due batch to confirmed subscribers',
    events: ['subprocessor.added', 'subprocessor.updated', 'subprocessor.removed', 'subprocessor_notice.due'],
    access: ['email'],
    handle: (event, { now }) =>
      event.type === 'subprocessor_notice.due'
        ? sendSubprocessorNotice(event, now)
        : collectSubprocessorChange(event, now),
  }),
];
