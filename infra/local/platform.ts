import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootstrap, type LocalResources } from '#infra/local/bootstrap';
import { lockDataDir } from '#infra/local/data-dir-lock';
import { seedDemoData } from '#infra/local/demo-data';
import { type DemoTenant, demoTenant } from '#infra/local/demo-tenant';
import { dnsRoutes, type LocalDnsServer, startDnsServer } from '#infra/local/dns-server';
import { type ApiGatewayEmulator, startApiGateway } from '#infra/local/emulators/api-gateway';
import { type Emulators, startEmulators } from '#infra/local/emulators/index';
import { configureEnvironment, planTiers } from '#infra/local/environment';
import { startEventPipeline } from '#infra/local/event-pipeline';
import { type Gateway, type GatewayOptions, startGateway } from '#infra/local/gateway';
import { localRoutes } from '#infra/local/local-routes';
import { captureLogs } from '#infra/local/log-capture';
import { LogSubscription, subscriptionRoutes } from '#infra/local/log-subscription';
import type { OutboxRelay } from '#infra/local/outbox-relay';
import { Readiness } from '#infra/local/readiness';
import { jobRunner, startScheduler } from '#infra/local/scheduler';
import { type LocalSecrets, loadSecrets } from '#infra/local/secrets';
import { siteAssets } from '#infra/local/site-assets';
import { type PlanTier, UsagePlanLimiter } from '#infra/local/usage-plan-limiter';
import type { ApiHandler } from '#shared/http/pipeline';
import type { AccessLogRecord } from '#shared/observability/access-log';
import { redirectTelemetry } from '#shared/observability/telemetry-log';

export interface PlatformOptions {
  /** Gateway port; 0 picks a free one. */
  port: number;
  /** Persist data here; undefined runs ephemeral (tests). */
  dataDir: string | undefined;
  senderAddress?: string;
  /** Seconds a REQUEST authorizer result is cached, as in the REST API. */
  authorizerCacheTtlSeconds?: number;
  /** Emulator and boot messages. */
  log?: (line: string) => void;
  /** The demo tenant's owner and the first platform operator; passwords are generated when absent. */
  admin?: { email?: string; password?: string };
  operator?: { email?: string; password?: string };
  /** Keep the process's log lines and serve them at `GET /_local/logs` (tests search them for secrets). */
  captureLogs?: boolean;
  /**
   * One line per API request, from the moment the platform is ready (startPlatform resolves): requests
   * refused while it starts and the demo seeding are not logged, so no line comes before the boot banner.
   */
  accessLog?: (line: string) => void;
  /**
   * Plans added to (or replacing) cdk.json's `planTiers`, whole as cdk.json declares them: tests add one with
   * a tiny monthly quota to reach its warnings in a few requests.
   */
  extraPlanTiers?: Record<string, PlanTier & Record<string, unknown>>;
}

export interface Platform {
  url: string;
  gateway: Gateway;
  emulators: Emulators;
  resources: LocalResources;
  secrets: LocalSecrets;
  demo: DemoTenant & { admin: { email: string; password: string } };
  relay: OutboxRelay;
  operator: { email: string; password: string };
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

/** What must exist before the platform serves, in the words `GET /health` reports as pending. */
const PROVISIONING = {
  resources: 'table, buckets, user pool and email templates',
  operator: 'platform operator',
  demoTenant: 'demo tenant and its owner',
  demoData: 'demo data',
} as const;

/**
 * Starts the whole platform: emulators, bootstrap, the local gateway over the route table, the demo tenant.
 * The gateway listens before the operator and the demo tenant are provisioned (so its URL is known to
 * them), but until they are, `GET /health` answers 503 naming what is pending and every other request a
 * 503 with `Retry-After` (infra/local/readiness.ts); it resolves once the platform is ready.
 * With a `dataDir`, first takes its lock (infra/local/data-dir-lock.ts), released by `stop()`; throws
 * `DataDirInUseError` when another running platform holds it, before anything touches the data.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const log = options.log ?? (() => {});
  const readiness = new Readiness(Object.values(PROVISIONING));
  const capture = options.captureLogs ? captureLogs() : undefined;
  // The SDK warns that it will need Node 22 from 2027; the Lambdas run Node 24, the local platform Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  // Before anything touches the data: a second platform on it would corrupt it (DataDirInUseError).
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let emulators: Emulators;
  try {
    emulators = await startEmulators({
      dataDir: dataDir ? resolve(dataDir, 'emulators') : undefined,
      log,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  let apiGateway: ApiGatewayEmulator | undefined;
  let gateway: Gateway | undefined;
  let relay: OutboxRelay | undefined;
  let dns: LocalDnsServer | undefined;
  let restoreTelemetry: (() => void) | undefined;
  try {
    const resources = await bootstrap(emulators.endpoints, options.senderAddress ?? 'trust@example.com');
    readiness.done(PROVISIONING.resources);
    const secrets = await loadSecrets(dataDir);
    const tiers = { ...(await planTiers()), ...options.extraPlanTiers };
    const limiter = new UsagePlanLimiter(tiers);
    apiGateway = await startApiGateway({
      file: resolve(dataDir ?? emulators.dataDir, 'api-gateway.json'),
      usagePlanIds: Object.keys(tiers),
      onFlushAuthorizerCache: () => gateway?.flushAuthorizerCache(),
      usageOf: (value, planId, day) => limiter.usage(value, planId, day),
    });
    configureEnvironment(emulators, apiGateway, tiers, resources, secrets);
    // Custom domains are proven by TXT records, looked up through this server (infra/local/dns-server.ts).
    dns = await startDnsServer();
    process.env.TC_DNS_SERVERS = dns.address;
    // The site's assets, built with hashed names into this platform's own folder (two platforms may run).
    const assets = await siteAssets(resolve(dataDir ?? emulators.dataDir, 'site-assets'));
    process.env.TC_SITE_ASSETS = JSON.stringify(assets.manifest);

    // Loaded only now, so that every SDK client is created with the emulator endpoints.
    const { routes, services, jobs, site } = await import('#services/registry');
    const runJob = jobRunner(jobs);
    const { authorize } = await import('#services/identity/authorize');
    const { provisionOperator, provisionOrganization, claimMissingSlugs } = await import(
      '#services/identity/provision'
    );
    relay = await startEventPipeline(emulators, resources, dataDir, log);
    const { foldApiUsage } = await import('#services/billing/fold-api-usage');
    const usage = new LogSubscription<AccessLogRecord>('usage', foldApiUsage, log);
    // The site's page-view lines, which in AWS a subscription on its log group delivers (see telemetry-log).
    const { commitPageViews } = await import('#services/analytics/page-view-log');
    const pageViews = new LogSubscription<string>(
      'page-views',
      (lines) => commitPageViews(lines.map((line) => JSON.parse(line) as Record<string, unknown>)),
      log,
    );
    restoreTelemetry = redirectTelemetry((line) => pageViews.add(line));
    const entries = new Map(services.map((service) => [service.name, service.entry]));
    const handlers = new Map<string, Promise<ApiHandler>>();
    const serviceHandler = (name: string) => {
      let handler = handlers.get(name);
      if (!handler) {
        const entry = entries.get(name);
        if (!entry) throw new Error(`No service named ${name}`);
        handler = import(pathToFileURL(resolve(root, entry)).href).then(
          (module: { handler: ApiHandler }) => module.handler,
        );
        handlers.set(name, handler);
      }
      return handler;
    };

    const api: Omit<GatewayOptions, 'port'> = {
      routes,
      serviceHandler,
      authorizer: authorize,
      authorizerCacheTtlSeconds: options.authorizerCacheTtlSeconds ?? 300,
      usagePlans: { planOf: (value) => apiGateway?.usagePlanOf(value), limiter },
      site: {
        handler: () =>
          import(pathToFileURL(resolve(root, site.entry)).href).then(
            (module: { handler: ApiHandler }) => module.handler,
          ),
        assets: assets.route,
      },
    };
    gateway = await startGateway({
      ...api,
      port: options.port,
      localRoutes: readiness.gate({
        ...localRoutes(
          emulators,
          apiGateway,
          readiness,
          capture,
          // Both commit events to the outbox: page views, and the usage folding's quota warnings.
          { relay, sources: [pageViews, usage] },
          {
            names: jobs.map((job) => job.name),
            run: runJob,
          },
        ),
        ...dnsRoutes(dns),
        ...subscriptionRoutes(usage),
        ...subscriptionRoutes(pageViews),
      }),
      onAccessLog: (line) => usage.add(line),
      onRequest: options.accessLog
        ? ({ method, path, status, ms }) => {
            if (readiness.ready) options.accessLog?.(`${method} ${path} ${status} ${ms.toFixed(1)} ms`);
          }
        : undefined,
    });
    process.env.TC_PUBLIC_URL ??= gateway.url;
    // The viewer's host is the Host header here (behind CloudFront, a header only CloudFront can set):
    // `<slug>.localhost:<port>` is a tenant's default host, plain `localhost:<port>` the demo tenant.
    process.env.TC_PLATFORM_HOST ??= `localhost:${gateway.port}`;
    process.env.TC_VIEWER_HOST_SOURCE ??= 'host-header';
    const operator = {
      email: options.operator?.email ?? 'operator@example.com',
      password: options.operator?.password ?? secrets.generatedOperatorPassword,
    };
    const admin = {
      email: options.admin?.email ?? 'admin@example.com',
      password: options.admin?.password ?? secrets.generatedAdminPassword,
    };
    await provisionOperator(operator.email, operator.password);
    readiness.done(PROVISIONING.operator);
    const demo = await demoTenant(dataDir, secrets.developmentCredentialSecret);
    process.env.TC_APEX_TENANT_ID ??= demo.tenantId;
    await provisionOrganization({
      orgId: demo.tenantId,
      name: 'Demo Company',
      slug: 'demo',
      plan: 'business',
      owner: admin,
    });
    // Organizations made before slugs were unique get their claim now, so every slug resolves by key.
    await claimMissingSlugs();
    readiness.done(PROVISIONING.demoTenant);
    const started = gateway;
    const startedRelay = relay;
    const startedDns = dns;
    if (demo.created) {
      await seedDemoData(api, demo.credential);
      // The site reads the published snapshot, which the seed's events rebuild one by one as the pipeline
      // carries them: store the complete one now, so the first page after the banner shows the whole demo.
      const { rebuildSnapshot } = await import('#services/trust-center/snapshot');
      await rebuildSnapshot(demo.tenantId);
    }
    readiness.done(PROVISIONING.demoData);
    // EventBridge Scheduler's stand-in: every job of the registry on a timer, once at start to catch up.
    const scheduler = startScheduler(jobs, runJob, log);
    // Last, and in the same turn as resolving: a caller's banner comes before any access-log line.
    readiness.finish();
    return {
      operator,
      url: started.url,
      gateway: started,
      emulators,
      resources,
      secrets,
      demo: { ...demo, admin },
      relay: startedRelay,
      async stop() {
        await scheduler.stop();
        await started.close();
        await usage.settle();
        await pageViews.settle();
        restoreTelemetry?.();
        await startedRelay.close();
        await startedDns.close();
        await apiGateway?.stop();
        await emulators.stop();
        capture?.stop();
        lock?.release();
      },
    };
  } catch (error) {
    capture?.stop();
    restoreTelemetry?.();
    await gateway?.close();
    await relay?.close();
    await dns?.close();
    await apiGateway?.stop();
    await emulators.stop();
    lock?.release();
    throw error;
  }
}
