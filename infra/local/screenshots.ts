import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandOptions } from '../tools/cli.ts';
import { runningStackOn, stackDataDir } from './dataDir.ts';
import { toolsDir } from './paths.ts';

/**
 * `npm run screenshots`: what a person sees, in headless Chromium (Debian's `chromium` package): the
 * API reference at /docs of the running stack and, when there is one, a handover report saved as
 * HTML (the tour saves report.html). Each page is also read back as the DOM Chromium built, so the
 * command says whether the page rendered, not only that a picture was taken.
 */
const args = commandOptions(
  `
npm run screenshots -- [options]   pictures of /docs and of a saved handover report, in headless Chromium

  --report <file>    a handover report saved as HTML (default: report.html, when it exists)
  --out <dir>        where the pictures go (default: .tools/screenshots)
  --data-dir <dir>   the data folder of the stack (default: the one npm start last ran on)
  --help             this

Needs chromium on the PATH (apt-get install -y chromium), or its path in CHROMIUM.
`,
  {
    report: { type: 'string' },
    out: { type: 'string', default: join(toolsDir, 'screenshots') },
    'data-dir': { type: 'string' },
  },
);

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

const browser = process.env.CHROMIUM ?? 'chromium';
const chromium = (extra: string[], url: string) =>
  spawnSync(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--window-size=1280,1600',
      // Lets the page's scripts fetch and render before the picture, without a fixed wait.
      '--virtual-time-budget=15000',
      ...extra,
      url,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
if (chromium(['--version'], 'about:blank').error)
  fail(`No ${browser} to run: apt-get install -y chromium, or set CHROMIUM to its path.`);

const api = await runningStackOn(stackDataDir(args['data-dir']));
if (!api) fail('The local stack is not running: start it with npm start (add -- --demo for demo data).');

const pages: { name: string; url: string; rendered: (dom: string) => string }[] = [
  {
    name: 'docs',
    url: `${api}/docs`,
    rendered: (dom) => {
      const operations = dom.match(/class="opblock-summary-path"/g)?.length ?? 0;
      const tags = dom.match(/class="opblock-tag no-desc"|class="opblock-tag"/g)?.length ?? 0;
      return operations > 0 ? `${operations} operations under ${tags} tags` : '';
    },
  },
];
const report = resolve(args.report ?? 'report.html');
if (existsSync(report))
  pages.push({
    name: 'report',
    url: pathToFileURL(report).href,
    rendered: (dom) => {
      const rows = dom.match(/<tr/g)?.length ?? 0;
      return rows > 0 ? `${rows} table rows` : '';
    },
  });
else if (args.report) fail(`No report at ${report}.`);

mkdirSync(args.out, { recursive: true });
let failed = false;
for (const page of pages) {
  const picture = resolve(args.out, `${page.name}.png`);
  const shot = chromium([`--screenshot=${picture}`], page.url);
  const dom = chromium(['--dump-dom'], page.url);
  const seen = dom.status === 0 ? page.rendered(dom.stdout) : '';
  if (shot.status !== 0 || !existsSync(picture) || !seen) {
    failed = true;
    console.error(
      `✗ ${page.name}: ${page.url} did not render (${(shot.stderr || dom.stderr).trim().split('\n').at(-1)})`,
    );
    continue;
  }
  console.log(`✓ ${page.name}: ${picture} (${Math.ceil(statSync(picture).size / 1024)} KB), ${seen}`);
}
process.exit(failed ? 1 : 0);
