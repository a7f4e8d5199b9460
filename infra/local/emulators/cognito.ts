import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localAws } from './aws.ts';
import { exitWithParent, hasExited, stopChild, supervise } from './child-process.ts';
import { type Log, probe, type RunningEmulator, waitUntilReady } from './emulator.ts';

export interface CognitoEmulator extends RunningEmulator {
  readonly pid: number;
}

export interface CognitoOptions {
  /** Working directory; cognito-local keeps its config and data in `.cognito/` under it. */
  directory: string;
  log: Log;
}

const readyTimeoutMs = 20_000;
// cognito-local logs this once it listens; the address is how we learn the port it chose.
const listeningLine = /Cognito Local running on (https?:\/\/\S+)/;

/** cognito-local, as a child process with its own working directory (it reads `.cognito/` from the cwd). */
export async function startCognito(options: CognitoOptions): Promise<CognitoEmulator> {
  await writeConfig(options.directory);
  const child = spawn(process.execPath, ['--import', exitWithParent, await entryScript()], {
    cwd: options.directory,
    // PORT=0 lets the server pick a free port itself; HOST keeps it on loopback.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const recentOutput = supervise(child, 'cognito', options.log);
  let client: CognitoIdentityProviderClient | undefined;
  const stop = async () => {
    client?.destroy();
    await stopChild(child);
  };
  try {
    const endpoint = await listeningEndpoint(child, recentOutput);
    client = new CognitoIdentityProviderClient({
      endpoint,
      region: localAws.region,
      credentials: localAws.credentials,
      maxAttempts: 1,
    });
    const cognito = client;
    await waitUntilReady(() => cognito.send(new ListUserPoolsCommand({ MaxResults: 1 })), {
      timeoutMs: readyTimeoutMs,
      gaveUp: () =>
        hasExited(child) ? `cognito-local exited during start-up:\n${recentOutput()}` : undefined,
    });
    return {
      endpoint,
      pid: pidOf(child),
      health: () =>
        probe((abortSignal) => cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }), { abortSignal })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function writeConfig(directory: string): Promise<void> {
  const configDirectory = join(directory, '.cognito');
  await mkdir(configDirectory, { recursive: true });
  // Tokens then carry the issuer AWS uses, so aws-jwt-verify accepts them unchanged.
  const config = { TokenConfig: { IssuerDomain: `https://cognito-idp.${localAws.region}.amazonaws.com` } };
  await writeFile(join(configDirectory, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

async function entryScript(): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('cognito-local/package.json');
  const { bin } = require(packageJsonPath) as { bin: string | Record<string, string> };
  const script = typeof bin === 'string' ? bin : bin['cognito-local'];
  if (script === undefined) throw new Error('cognito-local declares no executable');
  return join(dirname(packageJsonPath), script);
}

function listeningEndpoint(child: ChildProcess, recentOutput: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`cognito-local did not report its address in ${readyTimeoutMs} ms`),
      readyTimeoutMs,
    );
    let printed = '';
    const onData = (chunk: Buffer) => {
      printed = stripVTControlCharacters(printed + chunk.toString('utf8')).slice(-4096);
      const address = listeningLine.exec(printed)?.[1];
      if (address === undefined) return;
      cleanUp();
      resolve(address);
    };
    const onExit = () => fail(`cognito-local exited during start-up:\n${recentOutput()}`);
    function cleanUp() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(reason: string) {
      cleanUp();
      reject(new Error(reason));
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the child process has no pid');
  return child.pid;
}
