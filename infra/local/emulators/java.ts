import { execFile } from 'node:child_process';

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor(cause?: unknown) {
    super(
      [
        'DynamoDB Local needs a Java runtime (17 or newer), and `java -version` did not run.',
        'Install one, then start again:',
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
        '  macOS:         brew install openjdk@17   (then put it on PATH as brew explains)',
      ].join('\n'),
      { cause },
    );
  }
}

/** Throws JavaMissingError unless `java -version` runs and succeeds. */
export async function assertJavaAvailable(): Promise<void> {
  // macOS ships a /usr/bin/java stub that exits non-zero when no JDK is installed.
  await new Promise<void>((resolve, reject) => {
    execFile('java', ['-version'], { timeout: 15_000 }, (error) =>
      error ? reject(new JavaMissingError(error)) : resolve(),
    );
  });
}
