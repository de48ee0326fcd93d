// Lighthouse on several pages, one after another, in one Node and one Chrome
// (checks/lighthouse.py runs it). A Lighthouse CLI of its own for each page
// loads Lighthouse and starts a Chrome each time: about 3 s of CPU a page,
// close to half of what auditing it costs.
//
// Usage: node checks/lighthouse.mjs FOLDER JOB
//   JOB, in JSON: {"categories": [...], "chromeFlags": [...],
//                  "audits": [[url, cpuSlowdownMultiplier], ...]}
// Writes FOLDER/N.json, the report of the Nth audit, as `lighthouse
// --output=json` writes it. Chrome is the one CHROME_PATH names; on an
// interrupt (SIGINT) chrome-launcher closes it and the run ends.
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [folder, job] = process.argv.slice(2);
const { categories, chromeFlags, audits } = JSON.parse(job);

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags });
try {
  for (const [index, [url, cpuSlowdownMultiplier]] of audits.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
      throttling: { cpuSlowdownMultiplier },
      // A picture of the whole page, for the HTML report we never write:
      // a second of each run, and no score reads it.
      disableFullPageScreenshot: true,
    });
    writeFileSync(`${folder}/${index}.json`, result.report);
  }
} finally {
  await chrome.kill();
}
