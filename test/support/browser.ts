import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type FakeUser, textOf } from "../../src/emulator/fake-user.js";
import type { FakeZaloUser } from "../../src/emulator/zalo-api-emulator.js";
import { projectPath } from "../../src/project-root.js";

/**
 * A real browser for the console's tests: Chromium from the OS packages (no download at install
 * time), driven by playwright-core. `.ci/run` installs it when missing; CHROMIUM_PATH names
 * another binary.
 */

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const CHROMIUM_HINT =
  "Chromium is not installed: install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.";

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  return chromium.launch({
    executablePath,
    headless: true,
    // The machine has no network beyond localhost: Chromium's own background traffic is switched off.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser profile (its own cookies), at a laptop's size unless told otherwise. */
export function newContext(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: "vi-VN" });
}

/** The sign-in link /web sends, read from the member's chat (Telegram or Zalo). */
export async function signInLink(user: FakeUser | FakeZaloUser): Promise<string> {
  user.send("/web");
  const message = await user.nextMessage();
  const text = typeof message === "string" ? message : textOf(message);
  const link = /(https?:\/\/\S+\/console\/sign-in\/\S+)/.exec(text)?.[1];
  if (!link) throw new Error(`no sign-in link in: ${text}`);
  return link;
}

/** Opens a sign-in link and presses its button, as a person does; resolves on the page it leads to. */
export async function openSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("button", { name: /Đăng nhập/ }).click();
  await page.waitForLoadState();
}

/** Signs the member in from their chat: /web, then the link. */
export async function signIn(page: Page, user: FakeUser | FakeZaloUser): Promise<void> {
  await openSignInLink(page, await signInLink(user));
}

/**
 * The README's pictures of the console, taken only when asked (`DOCS_SCREENSHOTS=1 npm test`):
 * a test run leaves the working tree as it found it.
 */
export async function docsScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.DOCS_SCREENSHOTS !== "1") return;
  await page.screenshot({ path: projectPath("docs", name), ...options });
}
