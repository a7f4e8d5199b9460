import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '#infra/config';
import { cdkContext } from './platform-app.ts';

/** A whole plan, as a deployment writes one. */
const pro = {
  name: 'Pro',
  rateLimit: 10,
  burstLimit: 20,
  monthlyQuota: 500_000,
  price: { amount: 99, currency: 'eur' },
  limits: {
    members: 10,
    documents: 100,
    storage_bytes: 1_000_000,
    custom_domains: 1,
    analytics_retention_days: 90,
  },
  features: { custom_domains: true },
};

describe('platform config from cdk.json context', () => {
  it('reads the committed cdk.json context into a typed config', () => {
    const config = parseConfig(cdkContext);

    expect(config).toEqual({
      stage: 'dev',
      domainName: undefined,
      certificateArn: undefined,
      senderAddress: 'trust@example.com',
      senderDomain: 'example.com',
      authorizerCacheTtlSeconds: 300,
      planTiers: {
        free: expect.objectContaining({ name: 'Free', rateLimit: 2, burstLimit: 5, monthlyQuota: 10_000 }),
        business: expect.objectContaining({ rateLimit: 17, burstLimit: 40, monthlyQuota: 1_000_000 }),
        enterprise: expect.objectContaining({ rateLimit: 50, burstLimit: 100, monthlyQuota: 10_000_000 }),
      },
      manageApiGatewayLogRole: true,
      auditRetentionDays: 365,
      traceSdkCalls: false,
    });
  });

  it('grows each tier into a full plan: price, limits and features', () => {
    const config = parseConfig(cdkContext);

    expect(config.planTiers.free).toEqual({
      name: 'Free',
      rateLimit: 2,
      burstLimit: 5,
      monthlyQuota: 10_000,
      price: { amount: 0, currency: 'usd' },
      limits: {
        members: 3,
        documents: 25,
        storage_bytes: 10_485_760,
        custom_domains: 0,
        analytics_retention_days: 30,
      },
      features: { custom_domains: false, advanced_analytics: false, custom_integrations: false },
    });
    expect(() =>
      parseConfig({
        ...cdkContext,
        planTiers: { pro: { ...pro, limits: { ...pro.limits, members: -1 }, features: {} } },
      }),
    ).toThrow(
      /planTiers\.pro\.limits\.members: must be a number of members, 0 or more[\s\S]*planTiers\.pro\.features\.custom_domains/,
    );
  });

  it('traces SDK calls only when asked: -c traceSdkCalls=true', () => {
    expect(parseConfig({ ...cdkContext, traceSdkCalls: 'true' }).traceSdkCalls).toBe(true);
    expect(() => parseConfig({ ...cdkContext, traceSdkCalls: 'yes' })).toThrow(
      /traceSdkCalls: must be true or false/,
    );
  });

  it('accepts values given as strings on the command line (-c key=value)', () => {
    const config = parseConfig({
      ...cdkContext,
      stage: 'prod',
      authorizerCacheTtlSeconds: '0',
      planTiers: JSON.stringify({ pro }),
    });

    expect(config.authorizerCacheTtlSeconds).toBe(0);
    expect(parseConfig({ ...cdkContext, manageApiGatewayLogRole: 'false' }).manageApiGatewayLogRole).toBe(
      false,
    );
    expect(parseConfig({ ...cdkContext, manageApiGatewayLogRole: undefined }).manageApiGatewayLogRole).toBe(
      true,
    );
    expect(config.planTiers).toEqual({ pro });
  });

  it('keeps audit log entries for the configured number of days, a year by default', () => {
    expect(parseConfig({ ...cdkContext, auditRetentionDays: undefined }).auditRetentionDays).toBe(365);
    expect(parseConfig({ ...cdkContext, auditRetentionDays: '2555' }).auditRetentionDays).toBe(2555);
    expect(() => parseConfig({ ...cdkContext, auditRetentionDays: 0 })).toThrow(
      /auditRetentionDays: must be at least 1 day/,
    );
  });

  it('takes a custom domain together with its us-east-1 certificate', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

    const config = parseConfig({ ...cdkContext, domainName: 'Trust.Example.com', certificateArn });

    expect(config.domainName).toBe('trust.example.com');
    expect(config.certificateArn).toBe(certificateArn);
  });

  it('names every bad key and why in one error', () => {
    const parse = () =>
      parseConfig({
        ...cdkContext,
        stage: 'Dev_Stage',
        senderAddress: 'not-an-address',
        authorizerCacheTtlSeconds: 7200,
        planTiers: {
          free: { ...pro, rateLimit: -1, burstLimit: 5, monthlyQuota: 10 },
          business: { ...pro, rateLimit: 20, burstLimit: 10, monthlyQuota: 10 },
        },
      });

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/stage: must be 1-12 lower-case letters/);
    expect(parse).toThrow(/senderAddress: must be an email address/);
    expect(parse).toThrow(/authorizerCacheTtlSeconds: must be between 0 and 3600/);
    expect(parse).toThrow(/planTiers\.free\.rateLimit: must be a positive number/);
    expect(parse).toThrow(/planTiers\.business\.burstLimit: burstLimit must be at least rateLimit/);
  });

  it('refuses a domain without a certificate, and a certificate from another region', () => {
    expect(() => parseConfig({ ...cdkContext, domainName: 'trust.example.com' })).toThrow(
      /certificateArn: is required when domainName is set/,
    );
    expect(() =>
      parseConfig({
        ...cdkContext,
        domainName: 'trust.example.com',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d',
      }),
    ).toThrow(/certificateArn: must be the ARN of an ACM certificate in us-east-1/);
  });

  it('refuses a missing stage, empty plan tiers and unknown tier fields', () => {
    const parse = () => parseConfig({ ...cdkContext, stage: undefined, planTiers: {} });

    expect(parse).toThrow(/stage: is required/);
    expect(parse).toThrow(/planTiers: must declare at least one tier/);
    expect(() =>
      parseConfig({
        ...cdkContext,
        planTiers: { free: { ...pro, rateLimit: 1, burstLimit: 1, monthlyQuota: 1, rate: 3 } },
      }),
    ).toThrow(/planTiers\.free: Unrecognized key: "rate"/);
  });
});
