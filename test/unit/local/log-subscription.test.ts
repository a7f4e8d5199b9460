import { describe, expect, it } from 'vitest';
import { LogSubscription } from '#infra/local/log-subscription';
import type { AccessLogRecord } from '#shared/observability/access-log';

const line = (requestId: string): AccessLogRecord => ({ requestId });

describe('the local stand-in for a log subscription', () => {
  it('folds every line handed over, in batches, by the time settle resolves', async () => {
    const batches: string[][] = [];
    const folder = new LogSubscription<AccessLogRecord>('usage', async (lines) => {
      batches.push(lines.map((each) => each.requestId ?? ''));
    });

    for (const id of ['a', 'b', 'c']) folder.add(line(id));
    await folder.settle();

    expect(batches.flat()).toEqual(['a', 'b', 'c']);
    expect(folder.state()).toEqual({ pending: 0, folded: 3, failures: [] });
  });

  it('settles again after its timer found nothing left to fold (a line came while a batch was folding)', async () => {
    let folder: LogSubscription<AccessLogRecord> | undefined;
    const folded: string[] = [];
    folder = new LogSubscription<AccessLogRecord>('usage', async (lines) => {
      folded.push(...lines.map((each) => each.requestId ?? ''));
      // A request answered while this batch folds: its line arms the timer, and the drain takes it first.
      if (folded.length === 1) folder?.add(line('during'));
    });

    folder.add(line('first'));
    await folder.settle();
    // The timer the second line armed fires with nothing left to fold.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const settled = await Promise.race([
      folder.settle().then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 2_000)),
    ]);

    expect(settled).toBe('settled');
    expect(folded).toEqual(['first', 'during']);
  });

  it('reports a batch that failed, and folds the next', async () => {
    let calls = 0;
    const folder = new LogSubscription<AccessLogRecord>('usage', async () => {
      calls += 1;
      if (calls === 1) throw new Error('table unreachable');
    });

    folder.add(line('lost'));
    await folder.settle();
    folder.add(line('kept'));
    await folder.settle();

    expect(folder.state()).toEqual({ pending: 0, folded: 1, failures: ['1 lines: table unreachable'] });
  });
});
