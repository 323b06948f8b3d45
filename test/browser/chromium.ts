// Launches Debian's Chromium through playwright-core: never a downloaded browser.
// The flags stop Chromium's own background traffic (updates, sync, safe browsing),
// which this machine's closed network would refuse and which the test would flag.
// Nothing leaves the loopback even if a page asks: every host name but the loopback's resolves to
// nothing, and all other traffic (IP literals included) goes to a proxy port where nothing listens.
// The tests record such requests (guarded-page.ts) and fail on them.
// Playwright gives every launch a fresh, empty profile directory.
import {chromium, type Browser} from "playwright-core";
import {existsSync} from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (apt-get install -y chromium) ` +
        `or set CHROMIUM_PATH; \`npm test\` installs it when run as root.`
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      "--proxy-server=http://127.0.0.1:9",
      "--proxy-bypass-list=localhost;127.0.0.1;[::1]"
    ]
  });
}
