import { bootBanner, type PasswordSource } from '#infra/local/banner';
import { DataDirInUseError } from '#infra/local/data-dir-lock';
import { JavaMissingError } from '#infra/local/emulators/index';
import { startPlatform } from '#infra/local/platform';

/** `npm start`: the whole platform on this machine, until Ctrl-C. */
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.TC_DATA_DIR ?? '.data';
const verbose = process.env.TC_VERBOSE === 'true';
const started = performance.now();

try {
  const platform = await startPlatform({
    port,
    dataDir,
    senderAddress: process.env.TC_SENDER_ADDRESS,
    admin: { email: process.env.TC_ADMIN_EMAIL, password: process.env.TC_ADMIN_PASSWORD },
    operator: { email: process.env.TC_OPERATOR_EMAIL, password: process.env.TC_OPERATOR_PASSWORD },
    log: verbose ? (line) => console.log(`  ${line}`) : undefined,
    accessLog: process.env.TC_ACCESS_LOG === 'false' ? undefined : (line) => console.log(`  ${line}`),
  });
  const { admin } = platform.demo;
  // A password from the environment is never printed: the one-liner reads the variable instead.
  const password = (value: string, variable: string): PasswordSource =>
    process.env[variable] ? { environmentVariable: variable } : { value };
  console.log(
    bootBanner({
      seconds: (performance.now() - started) / 1000,
      base: `http://localhost:${platform.gateway.port}`,
      dataDir,
      tenantId: platform.demo.tenantId,
      admin: { email: admin.email, password: password(admin.password, 'TC_ADMIN_PASSWORD') },
      operator: {
        email: platform.operator.email,
        password: password(platform.operator.password, 'TC_OPERATOR_PASSWORD'),
      },
    }),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await platform.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error('The platform failed to start:', error);
  }
  process.exit(1);
}
