/**
 * Telemetry lines: records a function hands to a CloudWatch Logs subscription instead of writing them on
 * the request path. In Lambda a line is one JSON object on stdout, which lands in the function's log group
 * as one log event (the JSON log format passes JSON lines through as they are); a subscription filter
 * matching the record's key delivers it to the function that folds it. Unlike the logger's lines, these are
 * written whatever the log level: they are data, not diagnostics. So the function must set no Lambda
 * application log level, which would filter these lines by a `level` they do not have (checked for the site
 * by test/infra/log-folding.test.ts).
 *
 * Locally there is no log group: the platform points the writer at its stand-in for the subscription
 * (infra/local/log-subscription.ts), which folds the same lines with the same code.
 */

/** Takes one line: a JSON object, no newline. */
export type TelemetryWriter = (line: string) => void;

const toStdout: TelemetryWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

let writer: TelemetryWriter = toStdout;

/**
 * Writes `{ "<key>": record }` as one line. The key is what the subscription's filter pattern matches
 * (`{ $.<key>.… = … }`), so no other log line of the function is delivered.
 */
export function writeTelemetry(key: string, record: unknown): void {
  writer(JSON.stringify({ [key]: record }));
}

/**
 * Sends telemetry lines to `next` instead of stdout (the local platform's subscription stand-in); the
 * returned function puts stdout back. Never called in a deployment.
 */
export function redirectTelemetry(next: TelemetryWriter): () => void {
  writer = next;
  return () => {
    if (writer === next) writer = toStdout;
  };
}
