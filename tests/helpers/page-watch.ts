/**
 * Records what a page does over the network and in its console, so a test can
 * assert "no request to any host other than 127.0.0.1" and "no console error".
 *
 * Attach it to a BrowserContext before opening pages: requests to any other
 * host are recorded AND aborted (nothing leaves the machine, nothing hangs on
 * DNS). Note: Playwright disables the HTTP cache while a route is installed.
 */
import type { BrowserContext, ConsoleMessage, Page, Request } from 'playwright-core';

export const ALLOWED_HOSTS = new Set(['127.0.0.1']);

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
}

export interface PageWatch {
  /** Every request any page of the context made (http(s), ws(s), data:, blob: ...). */
  readonly requests: RecordedRequest[];
  /** Requests to a host other than 127.0.0.1 (each was aborted). */
  readonly foreignRequests: RecordedRequest[];
  /** console.error messages, uncaught page errors and failed requests. */
  readonly consoleErrors: string[];
  /** Throws one Error listing every foreign request and console error seen so far. */
  assertClean(): void;
  /** Starts recording a page opened by other means than context.newPage(). */
  watchPage(page: Page): void;
}

/** Whether a URL may be requested: 127.0.0.1 over http(s)/ws(s), or a non-network scheme. */
export function isAllowedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return ALLOWED_HOSTS.has(parsed.hostname);
  return false;
}

function describeConsole(msg: ConsoleMessage): string {
  const loc = msg.location();
  const where = loc.url ? ` (${loc.url}:${loc.lineNumber + 1})` : '';
  return `console.${msg.type()}: ${msg.text()}${where}`;
}

export async function watchContext(context: BrowserContext): Promise<PageWatch> {
  const requests: RecordedRequest[] = [];
  const foreignRequests: RecordedRequest[] = [];
  const consoleErrors: string[] = [];

  const record = (req: Request): RecordedRequest => ({
    url: req.url(),
    method: req.method(),
    resourceType: req.resourceType(),
  });

  await context.route(
    (url) => !isAllowedUrl(url.href),
    async (route) => {
      foreignRequests.push(record(route.request()));
      await route.abort('blockedbyclient');
    },
  );

  const watched = new WeakSet<Page>();
  const watchPage = (page: Page): void => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(describeConsole(msg));
    });
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.stack ?? err.message}`));
    page.on('websocket', (ws) => {
      const entry = { url: ws.url(), method: 'GET', resourceType: 'websocket' };
      requests.push(entry);
      if (!isAllowedUrl(ws.url())) foreignRequests.push(entry);
    });
  };

  // A navigation (reload, goto, a click on a link) cancels what the page it leaves was still
  // loading (net::ERR_ABORTED: a font, the favicon); that says nothing about the page. Each page
  // counts its navigations; a request records the count when it starts.
  const navigations = new WeakMap<Page, number>();
  const startedAt = new WeakMap<Request, number>();
  const pageOf = (req: Request): Page | undefined => {
    try {
      return req.frame().page();
    } catch {
      return undefined; // a service worker's request has no frame
    }
  };

  context.on('request', (req) => {
    requests.push(record(req));
    const page = pageOf(req);
    if (!page) return;
    if (req.isNavigationRequest()) navigations.set(page, (navigations.get(page) ?? 0) + 1);
    else startedAt.set(req, navigations.get(page) ?? 0);
  });
  context.on('requestfailed', (req) => {
    // Foreign requests we aborted ourselves are reported once, as foreign.
    if (!isAllowedUrl(req.url())) return;
    const page = pageOf(req);
    const start = startedAt.get(req);
    const leftBehind = page !== undefined && start !== undefined && (navigations.get(page) ?? 0) > start;
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && leftBehind) return;
    consoleErrors.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  context.on('page', watchPage);
  for (const page of context.pages()) watchPage(page);

  return {
    requests,
    foreignRequests,
    consoleErrors,
    watchPage,
    assertClean() {
      const problems = [
        ...foreignRequests.map((r) => `request to a host other than 127.0.0.1: ${r.method} ${r.url} [${r.resourceType}]`),
        ...consoleErrors,
      ];
      if (problems.length > 0) {
        throw new Error(`page was not clean:\n  - ${problems.join('\n  - ')}`);
      }
    },
  };
}
