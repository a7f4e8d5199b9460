import { randomUUID } from 'node:crypto';
import type { LocalRoute } from '#infra/local/gateway';
import { json } from '#infra/local/local-routes';

/** How long lines wait to be folded together, as CloudWatch Logs batches them for a subscription. */
const BATCH_DELAY_MS = 200;
const MAX_BATCH = 1_000;

export type FoldBatch<Line> = (lines: readonly Line[], batchId: string) => Promise<unknown>;

/**
 * The local stand-in for a CloudWatch Logs subscription (infra/constructs/log-folding.ts): whatever writes
 * the log hands over each matching line (the gateway its access log line after answering, the site its
 * page-view lines), and batches of lines go to the same code the subscription's function runs in AWS, one
 * batch at a time, never on a request's path. Lines are kept in memory: a platform stopped before they are
 * folded loses them, as a failed delivery would.
 */
export class LogSubscription<Line> {
  private readonly queue: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private folded = 0;
  private readonly failures: string[] = [];

  /** `name`: what the routes and messages call it (`usage`, `page-views`). */
  constructor(
    readonly name: string,
    private readonly fold: FoldBatch<Line>,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Takes one line; it is folded within BATCH_DELAY_MS, with the lines that came meanwhile. */
  add(line: Line): void {
    this.queue.push(line);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.pump();
    }, BATCH_DELAY_MS);
  }

  /** Resolves once every line handed over so far is folded (tests read the counters after it). */
  async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.running) await this.pump();
  }

  state() {
    return { pending: this.queue.length, folded: this.folded, failures: [...this.failures] };
  }

  private pump(): Promise<void> {
    // `finally` runs after the assignment even when there is nothing to fold, so `running` never outlives
    // the drain it names (an async function with no await would settle before `running` is set).
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.fold(batch, randomUUID());
        this.folded += batch.length;
      } catch (error) {
        // As a failed subscription delivery: the batch is lost to the counters, and said so.
        this.failures.push(`${batch.length} lines: ${(error as Error).message}`);
        this.log(`${this.name} folding failed: ${(error as Error).message}`);
      }
    }
  }
}

/** `GET /_local/<name>` (lines pending, folded, failed batches) and `POST /_local/<name>/settle`. */
export function subscriptionRoutes<Line>(subscription: LogSubscription<Line>): Record<string, LocalRoute> {
  return {
    [`GET /_local/${subscription.name}`]: async (_request, response) =>
      json(response, 200, subscription.state()),
    [`POST /_local/${subscription.name}/settle`]: async (_request, response) => {
      await subscription.settle();
      json(response, 200, subscription.state());
    },
  };
}
