/**
 * One-off: creates (or resets) a platform operator in a deployed stage's user pool. Operators create
 * organizations and their first keys; nothing else can create the first operator.
 *
 *   TC_USER_POOL_ID=<UserPoolId output> TC_OPERATOR_PASSWORD='…' AWS_REGION=<region> \
 *     npx tsx infra/scripts/create-operator.ts operator@yourcompany.com
 *
 * Uses your AWS credentials (cognito-idp:AdminCreateUser, AdminGetUser, AdminSetUserPassword,
 * AdminAddUserToGroup on that pool; and TC_TABLE_NAME's table, to claim slugs for older organizations).
 */
import { claimMissingSlugs, provisionOperator } from '#services/identity/provision';

const email = process.argv[2];
const password = process.env.TC_OPERATOR_PASSWORD;
if (!email || !password || !process.env.TC_USER_POOL_ID) {
  console.error(
    'Usage: TC_USER_POOL_ID=… TC_OPERATOR_PASSWORD=… npx tsx infra/scripts/create-operator.ts <email>',
  );
  process.exit(2);
}
await provisionOperator(email, password);
// Organizations made before slugs were unique get their slug claim (idempotent, a keyed query).
const claimed = await claimMissingSlugs().catch((error: unknown) => {
  console.warn(`Could not claim slugs of older organizations (set TC_TABLE_NAME?): ${String(error)}`);
  return 0;
});
if (claimed > 0) console.log(`Claimed a slug for ${claimed} older organization(s).`);
console.log(`${email} is a platform operator of pool ${process.env.TC_USER_POOL_ID}.`);
