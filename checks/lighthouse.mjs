// Lighthouse on page after page, in one Node and one Chrome (checks/lighthouse.py
// runs several and deals them the pages). A Lighthouse CLI of its own for
// each page loads Lighthouse and starts a Chrome each time: about 3 s of CPU
// a page, close to half of what auditing it costs.
//
// Usage: node checks/lighthouse.mjs FOLDER SETTINGS
//   SETTINGS, in JSON: {"categories": [...], "chromeFlags": [...]}
// Then one audit a line on standard input, in JSON: [N, url, cpuSlowdownMultiplier].
// For each, it writes on standard output the line "N benchmarked" once
// Lighthouse has measured the machine and goes on to load the page; then
// FOLDER/N.json, the report as `lighthouse --output=json` writes it, and the
// line N. It ends when standard input does. Chrome is the one CHROME_PATH
// names; on an interrupt (SIGINT) chrome-launcher closes it and the run ends.
import { writeFileSync } from "node:fs";
import * as readline from "node:readline";
import * as chromeLauncher from "chrome-launcher";
import IntlMessageFormat from "intl-messageformat";
import log from "lighthouse-logger";

const [folder, settings] = process.argv.slice(2);
const { categories, chromeFlags } = JSON.parse(settings);

// Chrome starts while Node loads Lighthouse (a second of its own). The
// launcher looks for Chrome's DevTools port every 500 ms by default, and
// Chrome opens it within about 150 ms here: it looks every 50 ms, for the
// same 25 s at most.
const launching = chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH, chromeFlags,
  connectionPollInterval: 50, maxConnectionRetries: 500,
});
launching.catch(() => {});  // told where it is awaited, below
rememberResolvedLocales();
let auditing = null;  // the N of the audit under way
// Lighthouse tells each step's end to its log's listeners, whatever the log level.
log.events.on("statusEnd", ([, message]) => {
  if (message === "Benchmarking machine") console.log(`${auditing} benchmarked`);
});
try {
  const { default: lighthouse, Gatherer } = await import("lighthouse");
  const { initializeConfig } = await import("lighthouse/core/config/config.js");
  const skipAudits = await auditsThatChangeNoScore(initializeConfig, Gatherer, categories);
  const chrome = await launching;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [index, url, cpuSlowdownMultiplier] = JSON.parse(line);
    auditing = index;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
      throttling: { cpuSlowdownMultiplier },
      skipAudits,
      // A picture of the whole page, for the HTML report we never write:
      // a second of each run, and no score reads it.
      disableFullPageScreenshot: true,
    });
    writeFileSync(`${folder}/${index}.json`, result.report);
    console.log(index);
  }
} finally {
  (await launching.catch(() => null))?.kill();  // whatever failed, no Chrome is left
}

// The audits that cannot change the four scores, skipped: they take about a
// fifth of each page's CPU. A score is the weighted mean of its category's
// audits of weight above 0, so an audit of weight 0 in every category that
// lists it (diagnostics, insights, manual checks, as Lighthouse's own config
// weighs them) never counts; unless what it needs is gathered while the page
// loads (JavaScript coverage, say), which costs the measured load its time
// as in a full run: an audit that needs such a thing no scored audit needs is
// kept. What is gathered after the load (the back/forward cache test) is not.
async function auditsThatChangeNoScore(initializeConfig, Gatherer, names) {
  const { resolvedConfig } = await initializeConfig("navigation", undefined,
    { onlyCategories: names });
  const artifacts = new Map(resolvedConfig.artifacts.map((artifact) => [artifact.id, artifact]));
  const needs = (audit) => withDependencies(artifacts, audit.implementation.meta.requiredArtifacts);
  const refs = names.flatMap((name) => resolvedConfig.categories[name].auditRefs);
  const weighted = new Set(refs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  const audits = new Map(resolvedConfig.audits.map((audit) => [audit.implementation.meta.id, audit]));
  const scoredNeeds = new Set([...weighted].flatMap((id) => [...needs(audits.get(id))]));
  const hooks = ["startInstrumentation", "startSensitiveInstrumentation",
    "stopSensitiveInstrumentation", "stopInstrumentation"];
  // Not in the config: one of the artifacts every run gathers (the URL, the
  // benchmark index...).
  const gatherer = (id) => artifacts.get(id)?.gatherer.instance;
  const duringLoad = (id) => gatherer(id) !== undefined
    && hooks.some((hook) => gatherer(id)[hook] !== Gatherer.prototype[hook]);
  return [...audits.keys()].filter((id) => !weighted.has(id)
    && [...needs(audits.get(id))].every((need) => scoredNeeds.has(need) || !duringLoad(need)));
}

function withDependencies(artifacts, ids) {
  const found = new Set(ids);
  for (const id of found) {  // a Set's loop also visits what is added during it
    for (const dependency of Object.values(artifacts.get(id)?.dependencies ?? {})) {
      found.add(dependency.id);
    }
  }
  return found;
}

// Lighthouse writes every text of its report in its default locale as it
// goes, each through a new IntlMessageFormat, which works out the locale
// again every time: a sixth of the runner's CPU (measured on three pages,
// 9.2 to 9.8 core-seconds, then 7.7 to 7.8). The answer is the same for the
// same locales, and an Intl.Locale never changes: it is worked out once. The
// reports' texts stay the same (compared). Both packages are Lighthouse's
// own, at its versions (package.json), so this module sees the copies it uses.
function rememberResolvedLocales() {
  const Formatter = IntlMessageFormat.IntlMessageFormat ?? IntlMessageFormat;
  const resolve = Formatter.resolveLocale;
  const resolved = new Map();
  Formatter.resolveLocale = (locales) => {
    const key = JSON.stringify(locales);
    if (!resolved.has(key)) resolved.set(key, resolve(locales));
    return resolved.get(key);
  };
}

// Every report is written and Chrome is closed, but a timer Lighthouse
// leaves behind would keep Node up for 3 s more (measured: Node's active
// resources after the last audit, one Timeout): end now.
process.exit(0);
