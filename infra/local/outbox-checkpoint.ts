/** The outbox relay's checkpoint file: each shard's position in the table's stream, kept across restarts. */
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** The stream the positions belong to, and each shard's last published sequence number. */
export interface Checkpoint {
  streamArn: string;
  shards: Record<string, { lastSequence?: string; closed?: boolean }>;
}

/** The checkpoint kept in `file`; undefined without a file (in memory) or before the first one is written. */
export function readCheckpoint(file: string | undefined): Checkpoint | undefined {
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
}

/**
 * Replaces the checkpoint whole with the shards' positions (their iterators expire, so they are not kept):
 * written beside the file, then renamed over it.
 */
export async function writeCheckpoint(
  file: string,
  streamArn: string,
  shards: ReadonlyMap<string, { lastSequence?: string; closed?: boolean }>,
): Promise<void> {
  const checkpoint: Checkpoint = {
    streamArn,
    shards: Object.fromEntries(
      [...shards].map(([shardId, { lastSequence, closed }]) => [shardId, { lastSequence, closed }]),
    ),
  };
  await writeFile(`${file}.tmp`, JSON.stringify(checkpoint));
  await rename(`${file}.tmp`, file);
}
