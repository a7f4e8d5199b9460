/**
 * Keeps the platform's recent log lines (the Lambdas' Powertools JSON logs included) so tests can search
 * them, e.g. for secrets that must never be logged. Lines below ERROR are kept but not printed, so a
 * DEBUG-level test run stays readable.
 */
export interface LogCapture {
  lines(): readonly string[];
  stop(): void;
}

export function captureLogs(limit = 20_000): LogCapture {
  const kept: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, index) => {
    const original = originals[index];
    if (!original) return;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        kept.push(line);
        if (kept.length > limit) kept.shift();
      }
      const quiet = text.startsWith('{"level":"') && !text.startsWith('{"level":"ERROR"');
      return quiet ? true : (original as (chunk: unknown, ...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return {
    lines: () => kept,
    stop() {
      streams.forEach((stream, index) => {
        const original = originals[index];
        if (original) stream.write = original as typeof stream.write;
      });
    },
  };
}
