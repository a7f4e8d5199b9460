export interface ComponentHealth {
  ok: boolean;
  detail?: string;
}

/** One emulator as the orchestrator sees it. */
export interface RunningEmulator {
  /** Base URL such as `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  health(): Promise<ComponentHealth>;
  stop(): Promise<void>;
}

export type Log = (line: string) => void;

const probeTimeoutMs = 3000;

/** Runs a real call against an emulator and reports the outcome instead of throwing. */
export async function probe(call: (abortSignal: AbortSignal) => Promise<unknown>): Promise<ComponentHealth> {
  try {
    await call(AbortSignal.timeout(probeTimeoutMs));
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Polls until `ready` resolves, or fails with the last error once `timeoutMs` has passed or `gaveUp` says so. */
export async function waitUntilReady(
  ready: () => Promise<unknown>,
  { timeoutMs, gaveUp }: { timeoutMs: number; gaveUp: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason, { cause: lastError });
    try {
      await ready();
      return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`, { cause: lastError });
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
