/**
 * What the benches change in the local platform so that it runs the services' code as a deployment does:
 * no answer is checked against its route's schema (`TC_VALIDATE_RESPONSES`, on by default locally and in
 * tests, off in AWS; about 0.35 ms of a GET by id on this machine). Call before the platform starts. A
 * value already in the environment wins, to measure the local default on purpose.
 */
export function runAsDeployed(): void {
  process.env.TC_VALIDATE_RESPONSES ??= 'false';
}
