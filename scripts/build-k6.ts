#!/usr/bin/env tsx
const HELP = `Usage: npm run build:k6 [-- --out DIR]

Bundles every scenario in scenarios/ as a plain ES module into dist/k6/ (or DIR), with its lib/ and
phases/ imports inlined and k6 modules left as imports, so stock k6 or k6-operator can run the same
scripts: k6 run dist/k6/product-get.js`;

import { parseArgs } from 'node:util';
import { bundleForK6 } from '../plan/bundle-for-k6.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/k6' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write(HELP + '\n');
  process.exit(0);
}
try {
  for (const file of await bundleForK6(values.out)) process.stdout.write(`${file}\n`);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message.split('\n')[0]}; fix the scenario and run again\n`);
  process.exit(1);
}
