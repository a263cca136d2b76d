import path from 'node:path';
import { LoadbookError, EXIT } from '../errors.ts';
import type { Tags } from '../metrics/metric-types.ts';
import type { TagSet } from '../metrics/sample-sink.ts';
import type { Metric } from '../metrics/metric-registry.ts';
import { MODULES, type ModuleName } from '../modules/index.ts';
import type { ScenarioState } from './scenario-state.ts';
import type { ScriptExports } from './script-factory.ts';
import type { VuRuntime } from './vu-runtime.ts';
import { VuTimers } from './vu-timers.ts';

/** Where in the lifecycle a VU's code runs; init-only APIs check it. */
export type VuStage = 'init' | 'setup' | 'iteration' | 'teardown' | 'summary';

/** Thrown by `test.abort()`; the engine stops the whole test with exit code 108. */
export class TestAbortError extends Error {
  constructor(readonly reason: string) {
    super(`test aborted: ${reason}`);
    this.name = 'TestAbortError';
  }
}

/** The outcome of one iteration, as executors count it. */
export type IterationOutcome = 'completed' | 'failed' | 'interrupted';

/**
 * One virtual user: its own instance of the script, its own tags, timers and connections.
 * Modules receive the VU and read its state when they emit samples.
 */
export class Vu {
  stage: VuStage = 'init';
  iteration = -1;
  iterationInScenario = -1;
  groupPath = '';
  /** Whether the current iteration was interrupted; samples of an interrupted iteration are not its own. */
  interrupted = false;
  readonly timers = new VuTimers(
    (callback, args) => this.invoke(callback, args),
    () => this.checkIdle(),
  );
  readonly globals: { vu: number; iter: number; env: Record<string, string> };
  /** `exec.vu.metrics.tags`: custom tags the script sets on every later sample. */
  readonly userTags: Tags;
  readonly metadata: Record<string, string> = {};
  exports: ScriptExports = {};
  setupData: unknown;
  private controller: AbortController | undefined;
  private readonly interruptHooks: (() => void)[] = [];
  private finishIteration: ((outcome: IterationOutcome) => void) | undefined;
  /** Open handles besides timers (sockets) that keep the iteration running, as k6's event loop does. */
  private holds = 0;
  /** Changes when an iteration starts and when it ends, so a late release cannot touch another's holds. */
  private holdGeneration = 0;
  private whenIdle: (() => void) | undefined;
  private readonly modules = new Map<string, unknown>();
  private tagsVersion = 0;
  private cachedBase: { version: number; group: string; tags: Tags; tagSet: TagSet | undefined } | undefined;

  constructor(
    readonly runtime: VuRuntime,
    readonly idInTest: number,
    readonly idInInstance: number,
    readonly scenario: ScenarioState | undefined,
  ) {
    this.globals = { vu: idInTest, iter: 0, env: { ...runtime.env, ...scenario?.env } };
    this.userTags = new Proxy({} as Tags, {
      set: (target, name, value) => {
        const text = String(value);
        // Scripts often set the same tag every iteration; only a change invalidates cached tag sets.
        if (target[name as string] !== text) {
          target[name as string] = text;
          this.tagsVersion++;
        }
        return true;
      },
      deleteProperty: (target, name) => {
        delete target[name as string];
        this.tagsVersion++;
        return true;
      },
    });
  }

  /** Runs the init code: every VU gets its own module instance, as in k6. */
  init(): void {
    this.stage = 'init';
    this.exports = this.runtime.factory.instantiate({
      require: (specifier) => this.require(specifier),
      vuGlobals: this.globals,
      open: (file, mode) => this.open(file, mode),
      console: this.runtime.console,
      setTimeout: this.timers.setTimeout,
      clearTimeout: this.timers.clearTimeout,
      setInterval: this.timers.setInterval,
      clearInterval: this.timers.clearInterval,
    });
  }

  /**
   * Aborted when the current iteration is interrupted. Created on first use: most iterations never
   * need one, and an AbortController per iteration is a measurable share of the hot path.
   */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  /** Called when an iteration is interrupted, e.g. to drop the VU's in-flight connections. */
  onInterrupt(hook: () => void): void {
    this.interruptHooks.push(hook);
  }

  /** Runs one call of `fnName`; interruption ends it at once. A thrown error is logged, not fatal. */
  async iterate(fnName: string): Promise<IterationOutcome> {
    const fn = this.exports[fnName] as (data: unknown) => unknown;
    this.stage = 'iteration';
    this.iteration++;
    this.iterationInScenario++;
    this.globals.iter = this.iteration;
    this.groupPath = '';
    this.interrupted = false;
    if (this.controller?.signal.aborted) this.controller = undefined;
    this.holdGeneration++;
    const started = performance.now();
    const outcome = await new Promise<IterationOutcome>((resolve) => {
      this.finishIteration = resolve;
      // The iteration ends when the function has returned and its timers and sockets are done.
      const returned = () => {
        if (this.timers.pending + this.holds === 0) resolve('completed');
        else this.whenIdle = () => resolve('completed');
      };
      let result: unknown;
      try {
        result = fn(this.setupData);
      } catch (error) {
        return resolve(this.failed(error));
      }
      if (result instanceof Promise) result.then(returned, (error: unknown) => resolve(this.failed(error)));
      else returned();
    });
    this.finishIteration = undefined;
    this.whenIdle = undefined;
    this.holds = 0;
    this.holdGeneration++;
    this.timers.clearAll();
    // A failed iteration leaves no sockets or requests behind to fire into the next one.
    if (outcome === 'failed') for (const hook of this.interruptHooks) hook();
    if (outcome !== 'interrupted') this.emitIteration(performance.now() - started);
    return outcome;
  }

  /**
   * Keeps the iteration running until the returned release is called: modules hold it for each open
   * socket, so an iteration with a WebSocket lasts until the socket closes.
   */
  hold(): () => void {
    this.holds++;
    const generation = this.holdGeneration;
    let released = false;
    return () => {
      // A socket of an ended or interrupted iteration may close later; it no longer counts.
      if (released || generation !== this.holdGeneration) return;
      released = true;
      this.holds--;
      this.checkIdle();
    };
  }

  /** Runs a script callback (a timer, a socket event); a throw fails the iteration, as in k6. */
  invoke(callback: (...args: unknown[]) => void, args: unknown[] = []): void {
    try {
      callback(...args);
    } catch (error) {
      const finish = this.finishIteration;
      if (finish) finish(this.failed(error));
      else this.runtime.logger.log('error', this.runtime.describe(error), 'stacktrace');
    }
  }

  private checkIdle(): void {
    if (this.whenIdle && this.timers.pending + this.holds === 0) this.whenIdle();
  }

  /** Stops the running iteration: its timers are cleared and its requests aborted. */
  interrupt(): void {
    this.interrupted = true;
    this.controller?.abort();
    for (const hook of this.interruptHooks) hook();
    this.timers.clearAll();
    this.finishIteration?.('interrupted');
  }

  /** The tags every sample of this VU carries: global, scenario, custom and group. */
  baseTags(): Tags {
    const cached = this.cachedBase;
    if (cached && cached.version === this.tagsVersion && cached.group === this.groupPath) return cached.tags;
    const tags: Tags = { ...this.runtime.globalTags, ...this.scenario?.tags };
    if (this.scenario) tags.scenario = this.scenario.name;
    Object.assign(tags, this.userTags);
    tags.group = this.groupPath;
    this.cachedBase = { version: this.tagsVersion, group: this.groupPath, tags, tagSet: undefined };
    return tags;
  }

  /** The interned tag set of `baseTags()`, for samples that carry no tags of their own. */
  baseTagSet(): TagSet {
    const tags = this.baseTags();
    return (this.cachedBase!.tagSet ??= this.runtime.sink.tagSet(tags));
  }

  emit(metric: Metric, tagSet: TagSet, value: number): void {
    this.runtime.sink.add(metric, tagSet, value);
  }

  private failed(error: unknown): IterationOutcome {
    if (this.interrupted) return 'interrupted';
    if (error instanceof TestAbortError) this.runtime.abortTest(error.reason);
    else this.runtime.logger.log('error', this.runtime.describe(error), 'stacktrace');
    return 'failed';
  }

  private emitIteration(durationMs: number): void {
    const tagSet = this.baseTagSet();
    const { builtins } = this.runtime;
    this.emit(builtins.iterations, tagSet, 1);
    this.emit(builtins.iteration_duration, tagSet, durationMs);
  }
  private require(specifier: string): unknown {
    let instance = this.modules.get(specifier);
    if (instance) return instance;
    const create = MODULES[specifier as ModuleName];
    if (!create) {
      throw new LoadbookError(
        `unknown module "${specifier}"; the engine provides ${Object.keys(MODULES).join(', ')}`,
        EXIT.scriptException,
      );
    }
    instance = create(this);
    this.modules.set(specifier, instance);
    return instance;
  }

  private open(file: string, mode?: string): string | ArrayBuffer {
    if (this.stage !== 'init') throw new Error('open() can only be called in the init context (module top level)');
    const resolved = path.resolve(path.dirname(this.runtime.factory.bundle.entry), file);
    const content = this.runtime.readFile(resolved);
    if (mode === 'b') return content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
    return content.toString('utf8');
  }
}
