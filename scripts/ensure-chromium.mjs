#!/usr/bin/env node
// Runs before `npm test`: the report's browser test opens report.html in Debian's chromium through
// playwright-core. When chromium is missing and we may install packages (root with apt-get), it installs
// Debian's `chromium` package; otherwise it says how and exits 1. It never downloads a browser any other
// way (no `playwright install`). Builtins only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's chromium package puts the browser; the browser test launches this path. */
const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasAptGet) {
  console.error(`loadbook: ${CHROMIUM} is missing; install Debian's chromium package (sudo apt-get install -y chromium) and run the tests again`);
  process.exit(1);
}

console.error(`loadbook: ${CHROMIUM} is missing; installing Debian's chromium package (apt-get install -y chromium)…`);
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    console.error(`loadbook: apt-get ${args.join(' ')} failed; run it yourself to see why, then run the tests again`);
    process.exit(result.status ?? 1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`loadbook: apt-get installed chromium but ${CHROMIUM} is still missing; check the package with dpkg -L chromium`);
  process.exit(1);
}
