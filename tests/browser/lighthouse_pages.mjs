// Lighthouse's default run (phone form factor, simulated mobile throttling) of each page, one
// after another in one Node process, on the Chromium already listening on PORT: nothing here
// launches or downloads a browser. Used by tests/browser/page_checks.py.
// Usage: node lighthouse_pages.mjs PORT REPORT_DIR NAME=URL [NAME=URL ...]
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

import lighthouse from 'lighthouse';

const [port, reportDir, ...pages] = process.argv.slice(2);
for (const page of pages) {
  const split = page.indexOf('=');
  const result = await lighthouse(page.slice(split + 1), {
    port: Number(port),
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    disableFullPageScreenshot: true,
  });
  writeFileSync(join(reportDir, `${page.slice(0, split)}.json`), result.report);
}
