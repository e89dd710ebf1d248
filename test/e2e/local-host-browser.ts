import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { startLocalHost } from '../../dev/start-local-host';
import type { RunningLocalHost } from '../../dev/start-local-host';
import type { AppServices } from '../../src/app/create-app';
import { createApp } from '../../src/app/create-app';
import { localDatabaseOver } from '../../src/app/local-database';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import type { SqlExecutor } from '../../src/store/sql-executor';
import { TEST_SETTINGS } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

const CHROMIUM = process.env.HDC_CHROMIUM ?? '/usr/bin/chromium';
/** How long the first macro of a fresh browser session may take to render (see openBrowserSession). */
const COLD_START_TIMEOUT_MS = 150_000;
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const MACROS_BUILT = join(__dirname, '..', '..', 'static', 'dist', 'sync-panel', 'index.html');

/** Browser tests run where Chromium is (CI installs Debian's); elsewhere they are skipped, loudly. */
export function describeInChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    test(`${name}: Chromium is installed`, () => {
      throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);
    });
    return;
  }
  console.warn(
    `Skipping browser tests "${name}": no Chromium at ${CHROMIUM} (apt-get install chromium, or set HDC_CHROMIUM).`,
  );
  describe.skip(name, body);
}

export interface BrowserSession {
  host: RunningLocalHost;
  sql: SqlExecutor;
  services: AppServices;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh local host (in-memory PGlite with the demo seed) and a fresh headless Chromium profile. */
async function openBrowserSession(): Promise<BrowserSession> {
  if (!existsSync(MACROS_BUILT))
    throw new Error('The macros are not built: run npm run build (npm test does it first).');
  mkdirSync(ARTIFACTS, { recursive: true });
  const sql = await openPgliteExecutor();
  const database = localDatabaseOver(sql);
  // The host plays TEST_SITE, the site the test builders write to.
  const host = await startLocalHost({ database, site: TEST_SITE, port: 0, settings: TEST_SETTINGS });
  const services = createApp({ rpc: database.rpc, settings: TEST_SETTINGS, log: () => undefined }).servicesFor({
    site: TEST_SITE,
  });
  const profile = mkdtempSync(join(tmpdir(), 'hdc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 2400 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Warm-up: a fresh Chromium profile on a loaded CI machine has taken up to two minutes before its
  // first sandboxed frame rendered. Wait for that here, once, instead of failing the first tests.
  await page.goto(host.url);
  await macroFrame(page, 'registry', COLD_START_TIMEOUT_MS);
  return {
    host,
    sql,
    services,
    context,
    page,
    async close() {
      await context.close();
      await host.close();
      await sql.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the hooks of a browser suite (call it inside describeInChromium): one local host and one
 * Chromium for the file, closed after it. The returned object reads the live session.
 */
export function useBrowserSession(): Omit<BrowserSession, 'close'> {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await openBrowserSession();
  }, COLD_START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await session?.close();
  });
  const live = (): BrowserSession => {
    if (session === undefined) throw new Error('The browser session did not start (see the beforeAll error)');
    return session;
  };
  return {
    get host() {
      return live().host;
    },
    get sql() {
      return live().sql;
    },
    get services() {
      return live().services;
    },
    get context() {
      return live().context;
    },
    get page() {
      return live().page;
    },
  };
}

export const pagePath = (pageId: string) => `wiki/pages/viewpage.action?pageId=${pageId}`;

/** The macro's iframe, once its app has rendered (it has a <main> or a status). */
export async function macroFrame(page: Page, macro: string, timeout?: number): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-macro="${macro}"]`, timeout === undefined ? {} : { timeout });
  const frame = await handle.contentFrame();
  if (frame === null) throw new Error(`The ${macro} iframe has no frame`);
  await frame.waitForSelector('main, .hdc-empty, [data-notice]', timeout === undefined ? {} : { timeout });
  return frame;
}

/**
 * A confirmation a macro opened as a bridge Modal: the dialog over the whole host page (named by its
 * heading), and the frame of its content once rendered.
 */
export async function confirmation(page: Page, name: string | RegExp): Promise<{ box: Locator; frame: Frame }> {
  const box = page.getByRole('dialog', { name });
  await box.waitFor();
  const frame = await (await box.locator('iframe').elementHandle()).contentFrame();
  if (frame === null) throw new Error('The confirmation has no frame');
  await frame.waitForSelector('main');
  return { box, frame };
}

export async function signInAs(page: Page, label: RegExp): Promise<void> {
  const select = page.locator('#user-switch');
  const option = await select.locator('option').filter({ hasText: label }).getAttribute('value');
  await Promise.all([page.waitForEvent('load'), select.selectOption(option ?? '')]);
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.locator('#theme-switch').inputValue()) === theme) return;
  await Promise.all([page.waitForEvent('load'), page.locator('#theme-switch').selectOption(theme)]);
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core inside the frame; only the serious and critical violations. */
export async function seriousAxeViolations(frame: Frame): Promise<AxeViolation[]> {
  await frame.addScriptTag({ content: AXE });
  const violations = await frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
