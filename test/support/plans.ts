/** The test platform's extra plan (test/setup/platform.ts): a monthly quota of 10 requests per meter. */
export const METERED_TEST_PLAN = 'metered';
export const METERED_TEST_QUOTA = 10;
