#!/usr/bin/env node
// The engine is TypeScript; tsx compiles it on load, so the package ships no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
