/** The region, account and credentials that every local emulator and client share. */
export const localAws = {
  region: 'us-east-1',
  accountId: '000000000000',
  // s3rver accepts only this key pair; the other emulators accept any, so one pair serves all.
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
} as const;
