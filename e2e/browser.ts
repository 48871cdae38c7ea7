import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { ROOT_DIR } from '../server/platform/version.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT_DIR, 'e2e', 'screenshots');

/** Debian chromium, headless, as root, with no background network traffic (the machine has none). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A browser context signed in through the API (the UI login form has its own test). */
export async function loggedInContext(browser: Browser, baseURL: string, username: string, password = 'Zhiliang@2025'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const res = await context.request.post('/api/v1/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
  return context;
}

/** Runs a browser step; on failure saves a full-page screenshot named after the test, then rethrows. */
export async function withScreenshotOnFailure(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w-]+/g, '_')}-failure.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), {
      message: `${err instanceof Error ? err.message : String(err)}\nscreenshot: ${file}`,
    });
  }
}

/**
 * Picks an option of an antd Select or TreeSelect found by its label: opens it, types `search` to filter (for selects
 * with a search box), clicks the option showing `option`, and checks that the field now shows it. Under a loaded machine
 * the click can land while the filtered list is still being redrawn and be lost, leaving the field empty, or miss
 * while the list still moves; the pick is then tried again (three tries) rather than letting the form refuse to submit
 * much later.
 */
export async function chooseOption(
  page: Page,
  scope: Locator,
  label: string,
  option: string,
  { search, tree = false }: { search?: string; tree?: boolean } = {},
): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  const options = page.locator(tree ? '.ant-select-tree-title:visible' : '.ant-select-item-option:visible', { hasText: option });
  // antd 6 renders the chosen value (single) or the chosen tags (multiple) in .ant-select-content, beside the search input.
  const shown = () =>
    field.evaluate((input) => {
      const content = input.closest('.ant-select')?.querySelector('.ant-select-content');
      return content && !content.querySelector('.ant-select-placeholder') ? (content.textContent ?? '') : '';
    });
  const listOpen = async () => (await page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').count()) > 0;
  for (let attempt = 1; ; attempt++) {
    // A click on the option can also miss while the list still moves (a dialog zooming in): it is then tried again
    // after a short wait rather than for the whole test's time. The list is opened only when it is not open already
    // (a click on an open select may close it), and the search text replaced rather than typed after what is there.
    try {
      if (!(await listOpen())) await field.click({ timeout: 10_000 });
      // (a select without a search box has a read-only input: nothing to type into)
      if (search !== undefined && (await field.isEditable())) await field.fill(search, { timeout: 10_000 });
      await options.first().click({ timeout: 5_000 });
    } catch (err) {
      if (attempt === 3) throw err;
      continue;
    }
    let last = '';
    for (const until = Date.now() + 5_000; Date.now() < until; await page.waitForTimeout(100)) {
      last = await shown();
      if (last.includes(option)) return;
    }
    if (attempt === 3) throw new Error(`${label}: picked 「${option}」 three times, the field shows 「${last}」`);
  }
}
