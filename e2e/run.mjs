// End-to-end checks of a built Brief site, as its real clients see it:
//   1. pages in Debian's Chromium (playwright-core) at phone and desktop widths, light and dark:
//      no console errors, no failed requests, no horizontal overflow, no layout shift,
//      axe-core with zero violations, screenshots saved;
//   2. html-validate over every page, plus head metadata and JSON-LD on every page;
//   3. every feed through Debian's python3-feedparser, the JSON Feed's required fields,
//      sitemap.xml against the sitemaps.org schema with xmllint, robots.txt, search index,
//      and every internal link of every page.
// Usage: node run.mjs --site DIR --screenshots DIR [--build-log FILE]
// Prints one line per failed check and closes with "e2e: N passed, M failed".
import { chromium } from "playwright-core";
import { HtmlValidate } from "html-validate";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";

import htmlValidateConfig from "./htmlvalidate.config.mjs";
import { serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const run = promisify(execFile);

const { values: opts } = parseArgs({
  options: {
    site: { type: "string" },
    screenshots: { type: "string" },
    "build-log": { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    only: { type: "string" }, // build, browser, pages or machine: run one group while iterating
    "started-at": { type: "string" }, // ms since the epoch when `make e2e` began (installs, build)
  },
});
if (!opts.site || !opts.screenshots) {
  console.error("usage: node run.mjs --site DIR --screenshots DIR [--build-log FILE]");
  process.exit(2);
}
const site = path.resolve(opts.site);

// ---- bookkeeping -------------------------------------------------------------------------
let passed = 0;
let failed = 0;
/** Records one check: it passes when `problems` is empty. */
function check(name, problems) {
  if (problems.length === 0) {
    passed++;
    if (process.env.E2E_VERBOSE) console.log(`  ok   ${name}`);
    return;
  }
  failed++;
  console.log(`  FAIL ${name}`);
  for (const p of problems.slice(0, 12)) console.log(`       ${p}`);
  if (problems.length > 12) console.log(`       … and ${problems.length - 12} more`);
}
let sectionStart = Date.now();
function section(title) {
  const now = Date.now();
  console.log(`e2e: ${title} (${((now - sectionStart) / 1000).toFixed(1)} s since the last step)`);
  sectionStart = now;
}

async function htmlFiles(dir) {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => f.endsWith(".html")).sort();
}

/** "/briefings/x/" -> the file that serves it, or null. */
function fileFor(urlPath) {
  const clean = decodeURIComponent(urlPath.split("#")[0].split("?")[0]);
  const p = path.join(site, clean);
  if (clean.endsWith("/")) return existsSync(path.join(p, "index.html")) ? path.join(p, "index.html") : null;
  if (existsSync(p) && !existsSync(path.join(p, "index.html"))) return p;
  return null;
}

// ---- 0. the build ------------------------------------------------------------------------
async function checkBuild() {
  section("build");
  const problems = [];
  if (opts["build-log"]) {
    const log = await readFile(opts["build-log"], "utf8");
    for (const line of log.split("\n")) if (/\b(warning|error):/.test(line)) problems.push(line);
  }
  if (!existsSync(path.join(site, "index.html"))) problems.push(`${site}/index.html is missing`);
  check("the example site builds without warnings", problems);
}

// ---- 1. the browser ----------------------------------------------------------------------
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  { name: "desktop", width: 1366, height: 900, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];
const SCHEMES = ["light", "dark"];

// The newest weekly digest: the one with this week's discovered items.
async function newestDigest() {
  const weeks = (await readdir(path.join(site, "weeks"))).filter((w) => /^\d{4}-W\d\d$/.test(w)).sort();
  return weeks.length ? `/weeks/${weeks.at(-1)}/` : "/weeks/";
}

async function browserChecks(baseUrl) {
  section("Chromium: layout, console, requests, axe-core");
  // Pages the issue names, plus the guide (the richest page) and the search page (the one script).
  const pages = [
    { name: "home", path: "/" },
    { name: "briefing", path: "/briefings/huawei-ascend-roadmap-hc2025/" },
    { name: "guide", path: "/guides/follow-china-ai-compute-news/" },
    { name: "digest", path: await newestDigest() },
    { name: "signals", path: "/signals/" },
    { name: "german", path: "/briefings/huawei-ascend-fahrplan-hc2025/" },
    { name: "search", path: "/search/?q=ascend" },
  ];
  for (const p of pages) {
    const file = fileFor(p.path.split("?")[0]);
    check(`${p.path} exists in the built site`, file ? [] : [`no file serves ${p.path}`]);
  }
  await mkdir(opts.screenshots, { recursive: true });
  for (const f of await readdir(opts.screenshots)) if (f.endsWith(".png")) await rm(path.join(opts.screenshots, f));
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

  // Playwright gives every launch a fresh, empty --user-data-dir of its own (and refuses one in
  // `args`); the flags keep Chromium off a network this machine does not have.
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    // The four viewport and scheme combinations, two at a time: the machine has two cores.
    const combos = VIEWPORTS.flatMap((vp) => SCHEMES.map((scheme) => ({ vp, scheme })));
    const worker = async () => {
      for (let c; (c = combos.shift()); ) {
        const context = await browser.newContext({
          viewport: { width: c.vp.width, height: c.vp.height },
          isMobile: c.vp.isMobile,
          hasTouch: c.vp.hasTouch,
          deviceScaleFactor: c.vp.deviceScaleFactor,
          colorScheme: c.scheme,
          reducedMotion: "reduce",
        });
        for (const p of pages) await checkPage(context, baseUrl, p, c.vp, c.scheme, axeSource);
        await context.close();
      }
    };
    await Promise.all([worker(), worker()]);
    await behaviourChecks(browser, baseUrl);
    await pageWeight(pages.find((p) => p.name === "briefing").path);
  } finally {
    await browser.close();
  }
}

async function checkPage(context, baseUrl, p, vp, scheme, axeSource) {
  const label = `${p.name} ${vp.name} ${scheme}`;
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  // Layout shifts are recorded from the first paint on, before any script of the page runs.
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const response = await page.goto(baseUrl + p.path, { waitUntil: "load" });
  if (!response || response.status() !== 200) problems.push(`status ${response?.status()}`);
  if (p.name === "search") await page.waitForSelector("#search-results li", { timeout: 5000 }).catch(() => {});

  const layout = await page.evaluate(() => {
    const doc = document.documentElement;
    const out = { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cls: window.__cls, wide: [] };
    if (doc.scrollWidth > doc.clientWidth) {
      // Name the elements that stick out, skipping those inside a box that scrolls by itself.
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right <= doc.clientWidth + 0.5) continue;
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const ox = getComputedStyle(a).overflowX;
          if (ox === "auto" || ox === "scroll" || ox === "hidden") clipped = true;
        }
        if (!clipped) out.wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
        if (out.wide.length >= 5) break;
      }
    }
    return out;
  });
  if (layout.scrollWidth > layout.clientWidth)
    problems.push(`horizontal overflow: page is ${layout.scrollWidth}px wide in a ${layout.clientWidth}px viewport`, ...layout.wide);
  if (layout.cls > 0.01) problems.push(`layout shift: CLS ${layout.cls.toFixed(3)}`);

  const shot = path.join(opts.screenshots, `${p.name}-${vp.name}-${scheme}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  check(`${label}: loads clean, no overflow, no layout shift`, problems);

  // axe-core, injected after the screenshot so that nothing it adds shows there.
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1, 2).join("").trim()})` : "")),
    }));
  });
  check(
    `${label}: axe-core finds no violation`,
    axe.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.targets.join(" | ")}`),
  );
  await page.close();
}

// HTML + CSS bytes of a briefing page (the script only runs on the search page).
async function pageWeight(urlPath) {
  const html = await readFile(fileFor(urlPath));
  const css = await readFile(path.join(site, "static/style.css"));
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  const raw = html.length + css.length;
  const gz = gzipSync(html, { level: 9 }).length + gzipSync(css, { level: 9 }).length;
  console.log(`e2e: page weight of ${urlPath}: HTML ${kb(html.length)} + CSS ${kb(css.length)} = ${kb(raw)} (${kb(gz)} gzipped)`);
  check("a briefing page weighs under 100 KB of HTML and CSS", raw < 100 * 1024 ? [] : [`${kb(raw)}`]);
}

// What a reader does: search in Chinese and English, read with JavaScript off, hit a bad URL.
async function behaviourChecks(browser, baseUrl) {
  const index = JSON.parse(await readFile(path.join(site, "search-index.json"), "utf8"));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`script error: ${e.message}`));

  // A substring from the middle of a Chinese title must find that page: no word boundaries.
  const zh = index.find((e) => e.l === "zh" || /[\u4e00-\u9fff]{4}/.test(e.t));
  if (!zh) {
    check("search finds a page by a Chinese substring", ["the search index holds no Chinese title"]);
  } else {
    const han = zh.t.match(/[\u4e00-\u9fff]{3,}/)?.[0] ?? zh.t;
    const q = han.slice(1, 3);
    await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(q)}`);
    const found = await page
      .waitForFunction((u) => [...document.querySelectorAll("#search-results a")].some((a) => a.getAttribute("href") === u), zh.u, { timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    check(`search finds ${zh.u} by the Chinese substring "${q}"`, found ? errors : [`no result links to ${zh.u}`, ...errors]);
  }
  // The first Tab shows the skip link, with a visible focus ring; Enter moves to the content.
  await page.goto(`${baseUrl}/briefings/`);
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return { cls: el.className, top: r.top, bottom: r.bottom, outline: style.outlineStyle, width: style.outlineWidth };
  });
  await page.screenshot({ path: path.join(opts.screenshots, "skip-link-focus.png") });
  await page.keyboard.press("Enter");
  const hash = await page.evaluate(() => location.hash);
  check("the first Tab shows a focused skip link that leads to the content", [
    ...(skip.cls === "skip-link" ? [] : [`first focus is on .${skip.cls}`]),
    ...(skip.top >= 0 && skip.bottom > 0 ? [] : ["the skip link stays off screen when focused"]),
    ...(skip.outline !== "none" && skip.width !== "0px" ? [] : ["no visible focus outline"]),
    ...(hash === "#main" ? [] : [`Enter led to "${hash}"`]),
  ]);
  await page.goto(`${baseUrl}/search/`);
  await page.fill("#q", "huawei ascend");
  const hits = await page
    .waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 })
    .then(() => page.locator("#search-results li").count())
    .catch(() => 0);
  check('typing "huawei ascend" into the search box lists results', hits > 0 ? [] : ["no results listed"]);
  await context.close();

  // With JavaScript off every page still reads; the search page says where to browse instead.
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const p2 = await nojs.newPage();
  await p2.goto(`${baseUrl}/briefings/huawei-ascend-roadmap-hc2025/`);
  const h1 = await p2.locator("main h1").first().textContent().catch(() => "");
  const sources = await p2.locator("main a[href^='http']").count();
  check("a briefing reads with JavaScript off (title and source links)", h1 && sources > 0 ? [] : [`h1=${h1}, source links=${sources}`]);
  await p2.goto(`${baseUrl}/search/`);
  const fallback = await p2.locator("main a[href='/briefings/']").isVisible().catch(() => false);
  check("the search page offers browsing links with JavaScript off", fallback ? [] : ["no visible link to /briefings/"]);
  await nojs.close();

  // A missing page answers 404 with the site's own 404 page, which links home and to search.
  const res = await fetch(`${baseUrl}/no-such-page/`);
  const body = await res.text();
  const p404 = [];
  if (res.status !== 404) p404.push(`status ${res.status}`);
  if (!body.includes('href="/search/"') || !body.includes('href="/"')) p404.push("404.html does not link home and to search");
  check("a missing page gets the useful 404 page", p404);
}

// ---- 2. every page: html-validate, head metadata, JSON-LD, internal links ----------------
async function pageChecks() {
  section("every page: html-validate, metadata, JSON-LD, links");
  const files = await htmlFiles(site);
  const validator = new HtmlValidate(htmlValidateConfig);
  const feedInfo = JSON.parse(await readFile(path.join(site, "feed.json"), "utf8"));
  const base = feedInfo.home_page_url.replace(/\/$/, "");
  let errorCount = 0;
  const broken = [];
  for (const f of files) {
    const html = await readFile(path.join(site, f), "utf8");
    const report = await validator.validateString(html, f);
    const messages = report.results.flatMap((r) => r.messages);
    errorCount += messages.filter((m) => m.severity === 2).length;
    check(
      `html-validate ${f}`,
      messages.map((m) => `${f}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );

    const isAlias = /http-equiv="refresh"/.test(html);
    const meta = [];
    const canonical = html.match(/<link rel="canonical" href="([^"]+)">/)?.[1];
    if (!canonical?.startsWith(base + "/")) meta.push(`canonical URL missing or not absolute: ${canonical}`);
    if (!isAlias && f !== "404.html") {
      if (!/<meta name="description" content="[^"]+">/.test(html)) meta.push("no meta description");
      for (const type of ["application/atom+xml", "application/rss+xml", "application/feed+json"])
        if (!html.includes(`type="${type}"`)) meta.push(`no <link rel="alternate" type="${type}">`);
      for (const prop of ["og:title", "og:url", "og:type", "og:description"])
        if (!html.includes(`property="${prop}"`)) meta.push(`no ${prop}`);
      if (!html.includes('name="twitter:card"')) meta.push("no twitter:card");
    }
    for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      let ld;
      try {
        ld = JSON.parse(m[1]);
      } catch (e) {
        meta.push(`JSON-LD does not parse: ${e.message}`);
        continue;
      }
      if (ld["@context"] !== "https://schema.org" || !ld["@type"]) meta.push("JSON-LD without @context or @type");
      if (ld["@type"] === "NewsArticle" || ld["@type"] === "Article") {
        for (const k of ["headline", "author", "publisher", "datePublished", "dateModified", "url"])
          if (!ld[k]) meta.push(`${ld["@type"]} JSON-LD has no ${k}`);
        if (ld["@type"] === "NewsArticle" && !(ld.citation?.length > 0)) meta.push("NewsArticle JSON-LD cites no primary source");
      }
    }
    if (f.startsWith("briefings/") && f !== "briefings/index.html" && !isAlias && !/"@type":"(News)?Article"/.test(html))
      meta.push("no NewsArticle/Article JSON-LD");
    check(`metadata ${f}`, meta);

    for (const m of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g))
      if (!m[1].startsWith("//") && !fileFor(m[1])) broken.push(`${f} links to ${m[1]}`);
  }
  check(`every internal link of ${files.length} pages resolves`, [...new Set(broken)]);
  console.log(`e2e: html-validate checked ${files.length} pages: ${errorCount} errors`);
}

// ---- 3. the machine-readable outputs -----------------------------------------------------
async function machineChecks() {
  section("feeds (feedparser), JSON Feed, sitemap (xmllint), robots.txt, search index");
  const feeds = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".xml") && f !== "sitemap.xml").sort();
  const feedInfo = JSON.parse(await readFile(path.join(site, "feed.json"), "utf8"));
  const base = feedInfo.home_page_url;
  const { stdout } = await run("/usr/bin/python3", [path.join(here, "feeds.py"), site, base, ...feeds], { maxBuffer: 16 << 20 });
  for (const line of stdout.trim().split("\n")) {
    const r = JSON.parse(line);
    check(`feedparser ${r.feed} (${r.version}, ${r.entries} entries)`, r.problems);
  }
  for (const want of ["feed.xml", "rss.xml", "weeks/feed.xml"])
    check(`${want} is published`, feeds.includes(want) ? [] : [`${want} missing`]);
  check("every topic has its own Atom feed", (await readdir(path.join(site, "topics"), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .filter((d) => !existsSync(path.join(site, "topics", d.name, "feed.xml")))
    .map((d) => `topics/${d.name}/feed.xml missing`));

  check("feed.json is a valid JSON Feed 1.1", jsonFeedProblems(feedInfo, base));

  // Written from the sitemaps.org 0.9 schema (there is no network to fetch it from).
  const xsd = path.join(here, "sitemap.xsd");
  const lint = await run("xmllint", ["--noout", "--schema", xsd, path.join(site, "sitemap.xml")]).then(
    () => [],
    (e) => (e.stderr || e.message).trim().split("\n"),
  );
  check("sitemap.xml validates against the sitemaps.org schema (xmllint)", lint);
  const sitemap = await readFile(path.join(site, "sitemap.xml"), "utf8");
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const smProblems = [];
  for (const loc of locs) {
    if (!loc.startsWith(base)) smProblems.push(`${loc} is not under ${base}`);
    else if (!fileFor("/" + loc.slice(base.length))) smProblems.push(`${loc} is not a page of the site`);
  }
  if (locs.length < 10) smProblems.push(`only ${locs.length} URLs`);
  check(`every sitemap URL (${locs.length}) is a page of the site`, smProblems);

  const robots = await readFile(path.join(site, "robots.txt"), "utf8");
  check("robots.txt points at the sitemap", robots.includes(`Sitemap: ${base}sitemap.xml`) ? [] : [robots]);

  const index = JSON.parse(await readFile(path.join(site, "search-index.json"), "utf8"));
  const ix = [];
  if (!Array.isArray(index) || index.length === 0) ix.push("not a non-empty array");
  else
    for (const e of index) {
      if (!e.t || !e.u) ix.push(`entry without title or URL: ${JSON.stringify(e).slice(0, 80)}`);
      else if (!fileFor(e.u)) ix.push(`${e.u} is not a page`);
    }
  check(`search-index.json lists ${index.length} existing pages`, ix);
}

function jsonFeedProblems(feed, base) {
  const p = [];
  if (feed.version !== "https://jsonfeed.org/version/1.1") p.push(`version is ${feed.version}`);
  if (typeof feed.title !== "string" || !feed.title) p.push("no title");
  for (const k of ["home_page_url", "feed_url"]) if (!String(feed[k] ?? "").startsWith("https://")) p.push(`${k} not absolute`);
  if (!Array.isArray(feed.items) || feed.items.length === 0) p.push("no items");
  const ids = new Set();
  for (const [i, item] of (feed.items ?? []).entries()) {
    const at = `items[${i}]`;
    if (typeof item.id !== "string" || !item.id) p.push(`${at}: no id`);
    if (ids.has(item.id)) p.push(`${at}: duplicate id ${item.id}`);
    ids.add(item.id);
    if (typeof item.content_html !== "string" && typeof item.content_text !== "string") p.push(`${at}: neither content_html nor content_text`);
    if (!item.title) p.push(`${at}: no title`);
    if (!String(item.url ?? "").startsWith(base)) p.push(`${at}: url not absolute under ${base}`);
    else if (!fileFor("/" + item.url.slice(base.length))) p.push(`${at}: ${item.url} is not a page`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(item.date_published ?? "")) p.push(`${at}: date_published not RFC 3339`);
  }
  return p;
}

// ---- main --------------------------------------------------------------------------------
const started = Date.now();
const { server, url } = await serve(site);
try {
  const want = (group) => !opts.only || opts.only.split(",").includes(group);
  if (want("build")) await checkBuild();
  if (want("browser")) await browserChecks(url);
  if (want("pages")) await pageChecks();
  if (want("machine")) await machineChecks();
} catch (err) {
  failed++;
  console.log(`  FAIL the e2e run stopped: ${err.stack ?? err}`);
} finally {
  server.close();
}
const total = opts["started-at"] ? ` (${((Date.now() - Number(opts["started-at"])) / 1000).toFixed(1)} s with installs and the build)` : "";
console.log(`e2e: screenshots in ${path.relative(process.cwd(), path.resolve(opts.screenshots)) || "."}`);
console.log(`e2e: checks took ${((Date.now() - started) / 1000).toFixed(1)} s${total}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
