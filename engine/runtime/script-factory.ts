import vm from 'node:vm';
import type { ScriptBundle } from './bundle-script.ts';
import { VU_GLOBALS } from './bundle-script.ts';
import { SourceMapper } from './source-mapper.ts';

/** What a VU hands its own instance of the script: module resolution, per-VU globals, console, timers. */
export interface ScriptBindings {
  require(specifier: string): unknown;
  vuGlobals: { vu: number; iter: number; env: Record<string, string> };
  open(path: string, mode?: string): unknown;
  console: Console;
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
  setInterval: typeof setInterval;
  clearInterval: typeof clearInterval;
}

/** The script's exports: options, setup, teardown, handleSummary, default and named exec functions. */
export type ScriptExports = Record<string, unknown>;

const PARAMETERS = ['require', 'module', 'exports', VU_GLOBALS, 'open', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

/**
 * Compiles the bundle once; each call to `instantiate` runs the init code again, giving every VU its
 * own module instance as k6 does, without recompiling.
 */
export class ScriptFactory {
  readonly mapper: SourceMapper;
  private readonly body: (...args: unknown[]) => void;

  constructor(readonly bundle: ScriptBundle) {
    const filename = `loadbook-bundle://${bundle.entry}`;
    this.mapper = new SourceMapper(bundle, filename);
    const script = new vm.Script(`(function (${PARAMETERS.join(', ')}) {\n${bundle.code}\n})`, {
      filename,
      lineOffset: -1,
    });
    this.body = script.runInThisContext() as (...args: unknown[]) => void;
  }

  instantiate(bindings: ScriptBindings): ScriptExports {
    const module = { exports: {} as ScriptExports };
    this.body(
      bindings.require,
      module,
      module.exports,
      bindings.vuGlobals,
      bindings.open,
      bindings.console,
      bindings.setTimeout,
      bindings.clearTimeout,
      bindings.setInterval,
      bindings.clearInterval,
    );
    return module.exports;
  }
}
