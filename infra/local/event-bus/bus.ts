import { compilePattern, type EventPatternMatcher } from './pattern.ts';

/** An event as EventBridge hands it to a rule's target. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type EventTarget = (event: EventBridgeEvent) => Promise<void>;

export interface EventRule {
  name: string;
  eventPattern: object;
  target: EventTarget;
}

export interface DeliveryFailure {
  rule: string;
  event: EventBridgeEvent;
  error: unknown;
  failedAt: string;
}

export interface LocalEventBusOptions {
  name?: string;
  log?: (line: string) => void;
  /**
   * How often a failing target is tried before the event counts as a failure (EventBridge retries for up
   * to 24 hours; locally a few attempts with exponential backoff). Default: one attempt.
   */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs?: number };
}

interface RegisteredRule {
  rule: EventRule;
  matches: EventPatternMatcher;
}

/**
 * The local stand-in for an EventBridge bus: rules live in memory and deliver to
 * functions. Delivery is asynchronous, as in AWS: publishing returns before targets run.
 */
export class LocalEventBus {
  readonly name: string;
  readonly #log: (line: string) => void;
  readonly #rules = new Map<string, RegisteredRule>();
  readonly #deliveries = new Set<Promise<void>>();
  readonly #failures: DeliveryFailure[] = [];
  readonly #retry: NonNullable<LocalEventBusOptions['retry']>;
  #available = true;

  constructor(options: LocalEventBusOptions = {}) {
    this.name = options.name ?? 'default';
    this.#log = options.log ?? (() => {});
    this.#retry = options.retry ?? { attempts: 1, baseDelayMs: 0 };
  }

  /** Adds the rule, or replaces the rule of the same name (as PutRule does). Throws on a malformed pattern. */
  addRule(rule: EventRule): void {
    this.#rules.set(rule.name, { rule, matches: compilePattern(rule.eventPattern) });
  }

  removeRule(name: string): boolean {
    return this.#rules.delete(name);
  }

  rules(): ReadonlyArray<Pick<EventRule, 'name' | 'eventPattern'>> {
    return [...this.#rules.values()].map(({ rule }) => ({
      name: rule.name,
      eventPattern: rule.eventPattern,
    }));
  }

  /** False while stopped for fault injection: PutEvents over the wire is refused (503), as in an outage. */
  get available(): boolean {
    return this.#available;
  }

  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /** Deliveries whose target threw or rejected, oldest first. */
  get failures(): readonly DeliveryFailure[] {
    return this.#failures;
  }

  /** Routes the event to every matching rule's target; returns the names of those rules. */
  publish(event: EventBridgeEvent): string[] {
    const matched = [...this.#rules.values()].filter(({ matches }) => matches(event));
    for (const { rule } of matched) this.#deliver(rule, event);
    return matched.map(({ rule }) => rule.name);
  }

  /** Resolves once every delivery started so far (and any they start) has finished. */
  async settled(): Promise<void> {
    while (this.#deliveries.size > 0) await Promise.allSettled([...this.#deliveries]);
  }

  #deliver(rule: EventRule, event: EventBridgeEvent): void {
    // Each target gets its own copy, so one target cannot change what another sees.
    const copy = structuredClone(event);
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#attempt(rule, copy, 1))
      .catch((error: unknown) => {
        this.#failures.push({ rule: rule.name, event: copy, error, failedAt: new Date().toISOString() });
        this.#log(`event-bus: rule ${rule.name} failed on event ${event.id}: ${describe(error)}`);
      })
      .finally(() => this.#deliveries.delete(delivery));
    this.#deliveries.add(delivery);
  }

  async #attempt(rule: EventRule, event: EventBridgeEvent, attempt: number): Promise<void> {
    try {
      await rule.target(event);
    } catch (error) {
      if (attempt >= this.#retry.attempts) throw error;
      const { baseDelayMs, maxDelayMs = 30_000 } = this.#retry;
      // Exponential backoff with full jitter, as EventBridge and the AWS SDKs retry.
      const delay = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      this.#log(
        `event-bus: rule ${rule.name} failed on event ${event.id} (attempt ${attempt}): ${describe(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      return this.#attempt(rule, event, attempt + 1);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
