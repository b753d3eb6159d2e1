/**
 * Real-Chromium helpers for the browser (e2e) tests.
 *
 * Chromium is never downloaded: the tests use a system Chromium, looked up in
 * this order:
 *   1. $CHROMIUM_PATH, when set;
 *   2. /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome
 *      (skipped when NOTES_NO_SYSTEM_CHROMIUM=1).
 * `scripts/ensure-chromium.sh` installs Debian's `chromium` when none is found
 * (as root); `.ci/run` always runs it, so CI never skips browser tests.
 *
 * When no Chromium exists, browser tests are SKIPPED (vitest's skip, with the
 * reason as the skip note and a console warning), never passed. With
 * NOTES_REQUIRE_BROWSER=1 (set by .ci/run) a missing Chromium is a failure
 * instead.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
] as const;

/**
 * Flags for this machine's closed network: without the background-networking
 * ones Chromium keeps trying (and failing) to reach Google's hosts.
 * No --user-data-dir here: playwright-core's `chromium.launch()` already starts
 * every browser with a fresh mkdtemp profile (and refuses that flag in `args`).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export type ChromiumLookup =
  | { found: true; executablePath: string; tried: string[] }
  | { found: false; reason: string; tried: string[] };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a Chromium executable; pure apart from file-system checks. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const candidates: string[] = [];
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) candidates.push(fromEnv);
  if (env.NOTES_NO_SYSTEM_CHROMIUM !== '1') candidates.push(...SYSTEM_CHROMIUM_PATHS);
  for (const path of candidates) {
    if (isExecutable(path)) return { found: true, executablePath: path, tried: candidates };
  }
  const tried = candidates.length > 0 ? candidates.join(', ') : '(nothing: CHROMIUM_PATH unset and NOTES_NO_SYSTEM_CHROMIUM=1)';
  return {
    found: false,
    tried: candidates,
    reason:
      `no Chromium found (tried ${tried}); install Debian's "chromium" ` +
      `(bash scripts/ensure-chromium.sh, as root) or set CHROMIUM_PATH`,
  };
}

/** True when a missing Chromium must fail the run instead of skipping (CI). */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NOTES_REQUIRE_BROWSER === '1';
}

let warned = false;

/**
 * Looks Chromium up once per test file. Returns the lookup; when Chromium is
 * missing it prints one console warning saying the browser tests are skipped
 * (or, with NOTES_REQUIRE_BROWSER=1, that they fail: requireChromium throws).
 */
export function chromiumForTests(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const lookup = findChromium(env);
  if (!lookup.found && !warned) {
    warned = true;
    console.warn(
      browserRequired(env)
        ? `[e2e] FAILING browser tests (NOTES_REQUIRE_BROWSER=1): ${lookup.reason}`
        : `[e2e] SKIPPED browser tests: ${lookup.reason}`,
    );
  }
  return lookup;
}

/** Minimal shape of vitest's test context that we need (keeps this file runner-agnostic). */
export interface SkippableContext {
  skip: (note?: string) => never;
}

/**
 * Call first in a browser test: returns the Chromium path, or skips the test
 * with the reason as vitest's skip note (reported as skipped, never passed).
 */
export function requireChromium(ctx: SkippableContext, lookup: ChromiumLookup = chromiumForTests()): string {
  if (lookup.found) return lookup.executablePath;
  if (browserRequired()) throw new Error(`NOTES_REQUIRE_BROWSER=1 but ${lookup.reason}`);
  return ctx.skip(lookup.reason);
}

/** Launches headless Chromium (fresh temporary profile) with this machine's flags. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

/** Context defaults for the Korean site: ko-KR locale, Seoul time, fixed viewport. */
export async function newKoreanContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
}
