// Lighthouse on page after page, in one Node and one Chrome (checks/lighthouse.py
// runs one a core and deals them the pages). A Lighthouse CLI of its own for
// each page loads Lighthouse and starts a Chrome each time: about 3 s of CPU
// a page, close to half of what auditing it costs.
//
// Usage: node checks/lighthouse.mjs FOLDER SETTINGS
//   SETTINGS, in JSON: {"categories": [...], "chromeFlags": [...]}
// Then one audit a line on standard input, in JSON: [N, url, cpuSlowdownMultiplier].
// For each, it writes FOLDER/N.json, the report as `lighthouse --output=json`
// writes it, and then the line N on standard output. It ends when standard
// input does. Chrome is the one CHROME_PATH names; on an interrupt (SIGINT)
// chrome-launcher closes it and the run ends.
import { writeFileSync } from "node:fs";
import * as readline from "node:readline";
import * as chromeLauncher from "chrome-launcher";

const [folder, settings] = process.argv.slice(2);
const { categories, chromeFlags } = JSON.parse(settings);

// Chrome starts while Node loads Lighthouse (a second of its own). The
// launcher looks for Chrome's DevTools port every 500 ms by default, and
// Chrome opens it within about 150 ms here: it looks every 50 ms, for the
// same 25 s at most.
const [chrome, { default: lighthouse, defaultConfig }] = await Promise.all([
  chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH, chromeFlags,
    connectionPollInterval: 50, maxConnectionRetries: 500,
  }),
  import("lighthouse"),
]);

// The audits that count toward none of the categories' scores: those of
// weight 0 in each category that lists them (diagnostics, insights, manual
// checks, as Lighthouse's own config weighs them). Skipped, they take no
// time (about a fifth of each page's CPU) and the four scores are the same,
// since a score is the weighted mean of its audits of weight above 0.
function auditsThatScoreNothing(config, names) {
  const refs = names.flatMap((name) => config.categories[name].auditRefs);
  const weighted = new Set(refs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  return [...new Set(refs.map((ref) => ref.id))].filter((id) => !weighted.has(id));
}
const skipAudits = auditsThatScoreNothing(defaultConfig, categories);

try {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [index, url, cpuSlowdownMultiplier] = JSON.parse(line);
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
  chrome.kill();
}
// Every report is written and Chrome is closed, but a timer Lighthouse
// leaves behind would keep Node up for 3 s more (measured: Node's active
// resources after the last audit, one Timeout): end now.
process.exit(0);
