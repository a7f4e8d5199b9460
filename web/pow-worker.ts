/**
 * Solves a proof-of-work challenge off the main thread (shared/http/proof-of-work.ts is the server's
 * side): finds a nonce such that SHA-256(challenge + nonce), as UTF-8, starts with `difficulty` zero bits.
 * Posts `{progress}` (0..1, the share of the expected work done) now and then, and `{nonce}` when solved.
 */
interface Task {
  challenge: string;
  difficulty: number;
}

const encoder = new TextEncoder();

function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

self.onmessage = async (message: MessageEvent<Task>) => {
  const { challenge, difficulty } = message.data;
  const expected = 2 ** difficulty;
  for (let attempt = 0; ; attempt += 1) {
    const nonce = attempt.toString(36);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + nonce)));
    if (leadingZeroBits(digest) >= difficulty) {
      self.postMessage({ nonce });
      return;
    }
    if (attempt % 2048 === 0) self.postMessage({ progress: Math.min(0.99, attempt / expected) });
  }
};
