/**
 * Recording a visit, on the request path of the site and the download routes. Use case: 1. drop bots,
 * 2. work out the page's dimensions and the visitor's daily pseudonym, 3. hand over one telemetry event.
 * A page view is written as a log line (page-view-log.ts: no network call while the visitor waits; a log
 * subscription commits it to the outbox); a download is put in the outbox (one PutItem). The analytics
 * consumer folds both into counters off the request path. Never throws: a failure is logged and the page
 * or file is served all the same.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dailySalt, visitorPseudonym } from '#services/analytics/daily-salt';
import { logPageView } from '#services/analytics/page-view-log';
import {
  countryOf,
  deviceClassOf,
  isBotAgent,
  pageNameOf,
  referrerDomainOf,
  utcDayOf,
  VIEWER_COUNTRY_HEADER,
} from '#services/analytics/visitor';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { outboxItem } from '#shared/data/outbox';
import { type CataloguedEvent, domainEvent } from '#shared/events/envelope';
import { idPattern } from '#shared/ids';
import { viewerAddress } from '#shared/net/viewer-address';
import { logger } from '#shared/observability/logger';

/**
 * A test's clock for one request (`X-TC-Test-Now: <ISO instant>`), honoured only where development
 * credentials are (the local platform; never a deployment), like the jobs' `?now=`.
 */
export const TEST_CLOCK_HEADER = 'x-tc-test-now';

function clockOf(headers: Readonly<Record<string, string>>): Date {
  const injected = headers[TEST_CLOCK_HEADER];
  if (injected && config.developmentCredentialSecret) {
    const at = new Date(injected);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return new Date();
}

/** One page the site served, as the site's handler knows it. Header names are lower case. */
export interface PageVisit {
  tenantId: string;
  /** The page's route pattern (`documents`, `` for the overview), never the URL. */
  route: string;
  language: string;
  /** The host the visitor asked for (the trust center's own; its links are not referrers). */
  host: string;
  headers: Readonly<Record<string, string>>;
  /** API Gateway's source address; behind CloudFront the viewer's comes from its header (viewerAddress). */
  sourceIp: string;
  /** The document the page is about, if any (the request form opened for one document). */
  documentId?: string | null;
}

async function publish(event: CataloguedEvent): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: config.tableName,
      Item: outboxItem(event),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Records a page view (see the module's comment); bots and agentless requests record nothing. Reads the
 * day's salt once per UTC day per container (one GetItem, one PutItem for the day's first view), else
 * makes no network call.
 */
export async function recordPageView(visit: PageVisit): Promise<void> {
  try {
    const userAgent = visit.headers['user-agent']?.slice(0, 512);
    if (!userAgent || isBotAgent(userAgent)) return;
    const now = clockOf(visit.headers);
    const day = utcDayOf(now);
    const address = await viewerAddress(visit.headers, visit.sourceIp);
    const visitor = visitorPseudonym(await dailySalt(day), visit.tenantId, address, userAgent);
    const event = domainEvent(
      'visit.page_viewed',
      { tenantId: visit.tenantId, system: 'site' },
      {
        day,
        page: pageNameOf(visit.route),
        language: visit.language,
        referrer_domain: referrerDomainOf(visit.headers.referer, visit.host),
        country: countryOf(visit.headers[VIEWER_COUNTRY_HEADER]),
        device: deviceClassOf(userAgent),
        visitor,
        // Visitors type the query: only a well-formed document id is kept.
        document_id:
          visit.documentId && idPattern('document').test(visit.documentId) ? visit.documentId : null,
      },
      now,
    );
    logPageView(event);
  } catch (error) {
    logger.warn('A page view was not recorded', { error: error as Error });
  }
}

/** One file served to a visitor. */
export interface DocumentDownloadVisit {
  tenantId: string;
  documentId: string;
  kind: 'public' | 'granted';
  accountId?: string | null | undefined;
  accessRequestId?: string | null | undefined;
  /** The visitor's user agent where the caller has it: a bot's download records nothing. */
  userAgent?: string | undefined;
  headers?: Readonly<Record<string, string>>;
}

/** Records a document download; never throws (see the module's comment). */
export async function recordDocumentDownload(download: DocumentDownloadVisit): Promise<void> {
  try {
    if (download.userAgent !== undefined && isBotAgent(download.userAgent)) return;
    const now = clockOf(download.headers ?? {});
    const event = domainEvent(
      'visit.document_downloaded',
      { tenantId: download.tenantId, system: 'site' },
      {
        day: utcDayOf(now),
        document_id: download.documentId,
        kind: download.kind,
        account_id: download.accountId ?? null,
        access_request_id: download.accessRequestId ?? null,
      },
      now,
    );
    await publish(event);
  } catch (error) {
    logger.warn('A download was not recorded', { error: error as Error });
  }
}
