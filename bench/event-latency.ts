import { type LatencyStats, summarize } from './stats.ts';

export interface EventLatencyRun {
  writes: number;
  /** POST /accounts answered (the change and its outbox item committed). */
  write: LatencyStats;
  /** From the POST's answer until the audit writer's entry for it can be read (relay + bus + consumer). */
  toAuditEntry: LatencyStats;
  /** p50 of toAuditEntry over p50 of write. */
  ratioP50: number;
}

const POLL_MS = 5;
/** How far before the POST the audit query's time range starts: the entry's time is the commit's, after it. */
const SINCE_MARGIN_MS = 1000;

/**
 * One write at a time, so each event's path is measured alone: the relay polls the stream every 50 ms
 * when idle, which bounds the figure from below in a way the Pipe's own polling does in AWS (README,
 * "Event pipeline latency").
 *
 * The poll asks for the entry within a time range from just before the POST (`since`): the range is the
 * Query's key condition, so a poll reads the last second's entries. Without it, each poll that comes
 * before the entry reads up to 1,000 of the tenant's entries to filter them by target (the API's cap per
 * request), and the demo tenant's log holds the load run's thousands: such polls took hundreds of ms
 * under load, and kept DynamoDB Local and the consumers busy meanwhile.
 */
export async function measureEventLatency(
  url: string,
  credential: string,
  writes: number,
): Promise<EventLatencyRun> {
  const headers = { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' };
  const writeMs: number[] = [];
  const auditMs: number[] = [];
  for (let index = 0; index < writes; index += 1) {
    const started = performance.now();
    const since = new Date(Date.now() - SINCE_MARGIN_MS).toISOString();
    const created = await fetch(`${url}/api/v1/accounts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: `Event latency ${index}` }),
    });
    const answered = performance.now();
    if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}`);
    const { id } = (await created.json()) as { id: string };
    writeMs.push(answered - started);
    for (;;) {
      const query = `target_id=${id}&action=account.created&since=${since}`;
      const audit = await fetch(`${url}/api/v1/audit-logs?${query}`, { headers });
      const body = (await audit.json()) as { audit_logs: unknown[] };
      if (body.audit_logs.length > 0) break;
      if (performance.now() - answered > 30_000) throw new Error(`No audit entry for ${id} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    auditMs.push(performance.now() - answered);
  }
  const write = summarize(writeMs);
  const toAuditEntry = summarize(auditMs);
  return { writes, write, toAuditEntry, ratioP50: toAuditEntry.p50 / write.p50 };
}
