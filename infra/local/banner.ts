/**
 * What `npm start` prints once the platform is ready: where everything is, who can sign in, and a sign-in
 * one-liner that works as pasted into a POSIX shell (sh, bash, zsh).
 */

/** A sign-in password: printed when the platform generated it, named by its variable when it came from the environment. */
export type PasswordSource = { value: string } | { environmentVariable: string };

export interface BannerFacts {
  /** Seconds from start to ready. */
  seconds: number;
  /** The gateway's base URL, e.g. `http://localhost:3000`. */
  base: string;
  dataDir: string;
  tenantId: string;
  admin: { email: string; password: PasswordSource };
  operator: { email: string; password: PasswordSource };
}

/**
 * Quotes a string as one word for a POSIX shell: inside single quotes nothing is special, and a single
 * quote itself is closed, escaped and reopened (POSIX.1-2017 XCU 2.2.2, 2.2.3).
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The boot banner, one string of lines. */
export function bootBanner(facts: BannerFacts): string {
  const { base } = facts;
  const shown = (password: PasswordSource) =>
    'value' in password ? password.value : `(from the environment: $${password.environmentVariable})`;
  return [
    `Trust center platform is up in ${facts.seconds.toFixed(1)} s`,
    `  Site     ${base}/   (the demo trust center; another organization's at its <slug>.localhost)`,
    `  API      ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Health   ${base}/health`,
    `  Mail     ${base}/_local/mail   (what SES would have sent)`,
    `  Data     ${facts.dataDir}/`,
    `  Demo tenant ${facts.tenantId}, owner ${facts.admin.email} / ${shown(facts.admin.password)}`,
    `  Operator ${facts.operator.email} / ${shown(facts.operator.password)}`,
    'Sign in and list accounts:',
    ...signInOneLiner(base, facts.admin.email, facts.admin.password).map((line) => `  ${line}`),
    `  curl -H "Authorization: Bearer $TOKEN" ${base}/api/v1/accounts`,
    'Ctrl-C stops everything.',
  ].join('\n');
}

const ACCESS_TOKEN = `node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken'`;

/**
 * Sets `TOKEN` to an access token from `POST /api/v1/login`. A printed password goes into the JSON body
 * as is (quoted for the shell); a password from the environment is read from its variable when the line
 * runs, JSON-encoded by node, since a shell cannot escape JSON (the variable must be exported there too).
 * @returns the command's lines, continued with a trailing backslash.
 */
export function signInOneLiner(base: string, email: string, password: PasswordSource): string[] {
  const login = `curl -s -X POST ${base}/api/v1/login -H 'Content-Type: application/json'`;
  if ('value' in password) {
    const body = shellQuote(JSON.stringify({ email, password: password.value }));
    return [`TOKEN=$(${login} \\`, `    -d ${body} | ${ACCESS_TOKEN})`];
  }
  const buildBody = `node -p 'JSON.stringify({email: process.argv[1], password: process.argv[2]})'`;
  return [
    `TOKEN=$(${buildBody} ${shellQuote(email)} "$${password.environmentVariable}" \\`,
    `    | ${login} --data-binary @- | ${ACCESS_TOKEN})`,
  ];
}
