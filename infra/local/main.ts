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
  const base = `http://localhost:${platform.gateway.port}`;
  const { admin } = platform.demo;
  const shown = (password: string, fromEnvironment: string | undefined) =>
    fromEnvironment ? '(from the environment)' : password;
  console.log(
    [
      `Trust center platform is up in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      `  API      ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`,
      `  Health   ${base}/health`,
      `  Mail     ${base}/_local/mail   (what SES would have sent)`,
      `  Data     ${dataDir}/`,
      `  Demo tenant ${platform.demo.tenantId}, owner ${admin.email} / ${shown(admin.password, process.env.TC_ADMIN_PASSWORD)}`,
      `  Operator ${platform.operator.email} / ${shown(platform.operator.password, process.env.TC_OPERATOR_PASSWORD)}`,
      'Sign in and list accounts:',
      `  TOKEN=$(curl -s -X POST ${base}/api/v1/login -H 'Content-Type: application/json' \\`,
      `    -d '{"email":"${admin.email}","password":"<password>"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
      `  curl -H "Authorization: Bearer $TOKEN" ${base}/api/v1/accounts`,
      'Ctrl-C stops everything.',
    ].join('\n'),
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
