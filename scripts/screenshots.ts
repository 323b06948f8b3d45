// Screenshots of every page of the built site (dist/), light and dark, desktop (1280 px) and
// phone (390 px) wide, for docs/screenshots/: the first 1200 px of each page once its charts are
// drawn (whole pages would be megabytes each), reduced to 256 colours with Debian's pngquant when
// it is installed (apt-get install pngquant; about a third of the size). Serves dist/ on
// 127.0.0.1 and drives Debian's Chromium through playwright-core (no browser download); a request
// off the loopback fails the script.
//   npm run build && node --import tsx scripts/screenshots.ts [outDir] [page ...]
import {existsSync, mkdirSync, statSync, readdirSync} from "node:fs";
import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {serveStatic} from "../test/browser/static-server.js";
import {listBuiltPages} from "../test/browser/pages.js";
import {launchChromium} from "../test/browser/chromium.js";
import {openGuardedPage} from "../test/browser/guarded-page.js";
import {inspectPage} from "../test/browser/page-check.js";

const [outDir = "docs/screenshots", ...only] = process.argv.slice(2);
const VARIANTS = [
  {name: "light", width: 1280, height: 1200, scheme: "light"},
  {name: "dark", width: 1280, height: 1200, scheme: "dark"},
  {name: "phone-light", width: 390, height: 1200, scheme: "light"},
  {name: "phone-dark", width: 390, height: 1200, scheme: "dark"}
] as const;

const PNGQUANT = existsSync("/usr/bin/pngquant") ? "/usr/bin/pngquant" : null;
if (!PNGQUANT) console.warn("pngquant not found (apt-get install pngquant): the screenshots stay full-colour and about three times larger");
const site = await serveStatic("dist");
const browser = await launchChromium();
mkdirSync(outDir, {recursive: true});
try {
  const pages = listBuiltPages("dist").filter((p) => only.length === 0 || only.includes(p));
  for (const path of pages) {
    for (const v of VARIANTS) {
      const {context, page, outside} = await openGuardedPage(browser, {viewport: {width: v.width, height: v.height}, colorScheme: v.scheme});
      await page.goto(site.url + path, {waitUntil: "load"});
      const deadline = Date.now() + 60_000;
      while ((await page.evaluate(inspectPage)).pending > 0 && Date.now() < deadline) await page.waitForTimeout(100);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const file = join(outDir, `${path === "/" ? "index" : path.slice(1)}-${v.name}.png`);
      await page.screenshot({path: file, fullPage: process.env.FULL_PAGE === "1"});
      await context.close();
      if (PNGQUANT) {
        const q = spawnSync(PNGQUANT, ["--quality", "65-95", "--speed", "1", "--force", "--output", file, file]);
        if (q.status !== 0) throw new Error(`pngquant failed on ${file}: ${q.stderr.toString()}`);
      }
      if (outside.length) throw new Error(`${path}: requests left the loopback: ${outside.join(", ")}`);
      console.log(`${file} ${(statSync(file).size / 1024).toFixed(0)} KB`);
    }
  }
  const total = readdirSync(outDir).filter((f) => f.endsWith(".png")).reduce((s, f) => s + statSync(join(outDir, f)).size, 0);
  console.log(`${outDir}: ${(total / 1024 / 1024).toFixed(2)} MB of PNG`);
} finally {
  await browser.close();
  await site.close();
}
