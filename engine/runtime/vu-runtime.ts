import { readFileSync } from 'node:fs';
import type { BuiltinMetricName } from '../metrics/builtin-metrics.ts';
import { BUILTIN_METRICS } from '../metrics/builtin-metrics.ts';
import { MetricRegistry, type Metric } from '../metrics/metric-registry.ts';
import type { Tags } from '../metrics/metric-types.ts';
import { SampleSink } from '../metrics/sample-sink.ts';
import { HostAllowlist, LOOPBACK_ONLY } from '../net/host-allowlist.ts';
import { RequestTracer, type TracingOptions } from '../tracing/request-tracer.ts';
import type { Logger } from './logger.ts';
import { Redactor, type RedactOptions } from './redactor.ts';
import type { ScenarioState } from './scenario-state.ts';
import { ScriptFactory } from './script-factory.ts';
import type { ScriptBundle } from './bundle-script.ts';
import { Vu } from './vu.ts';

/** What the running test tells `k6/execution` and the http module; owned by the engine thread. */
export interface TestState {
  /** Epoch ms when load started; 0 before. */
  startedAt: number;
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  /** The most VUs active at once since the last snapshot reset it. */
  vusPeak: number;
  vusInitialized: number;
}

export interface VuRuntimeSettings {
  bundle: ScriptBundle;
  env: Record<string, string>;
  /** The script's options after flags and config were applied. */
  options: Record<string, unknown>;
  globalTags: Tags;
  logger: Logger;
  /** Called when a script calls `test.abort()`. */
  onAbort(reason: string): void;
  /** Trace every HTTP and gRPC request and keep the slowest as exemplars; off when absent. */
  tracing?: TracingOptions;
  /**
   * Hosts besides loopback that the modules may connect to.
   * @default [] (loopback only)
   */
  allowHosts?: readonly string[];
  /** What tags and exemplars mask. @default DEFAULT_REDACT */
  redact?: RedactOptions;
}

/** Everything the VUs of one thread share: the compiled script, metrics, logger and test state. */
export class VuRuntime {
  readonly registry = new MetricRegistry();
  readonly sink = new SampleSink();
  readonly factory: ScriptFactory;
  readonly builtins: Record<BuiltinMetricName, Metric>;
  readonly env: Record<string, string>;
  /** Replaced once the script's options are known: the first VU's init code is what reveals them. */
  options: Record<string, unknown>;
  globalTags: Tags;
  readonly logger: Logger;
  readonly console: Console;
  readonly state: TestState = { startedAt: 0, iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 0, vusPeak: 0, vusInitialized: 0 };
  /** SharedArray contents by name: built by the first VU, shared read-only by the rest. */
  readonly sharedArrays = new Map<string, unknown[]>();
  /** Present only with tracing on: modules check it once per request and do nothing more when absent. */
  readonly tracer: RequestTracer | undefined;
  /** Where the modules may connect: every connection is checked before it is opened. */
  readonly hostAllowlist: HostAllowlist;
  /** Masks credentials in the URLs modules put in tags, so no output downstream ever holds them. */
  readonly redactor: Redactor;
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly settings: VuRuntimeSettings) {
    this.factory = new ScriptFactory(settings.bundle);
    this.env = settings.env;
    this.options = settings.options;
    this.globalTags = settings.globalTags;
    this.logger = settings.logger;
    this.console = settings.logger.console();
    this.hostAllowlist = settings.allowHosts?.length ? new HostAllowlist(settings.allowHosts) : LOOPBACK_ONLY;
    this.redactor = new Redactor(settings.redact);
    this.tracer = settings.tracing ? new RequestTracer(settings.tracing.exemplarsPerScenario, this.redactor) : undefined;
    this.builtins = Object.fromEntries(
      BUILTIN_METRICS.map((definition) => [definition.name, this.registry.get(definition.name)!]),
    ) as Record<BuiltinMetricName, Metric>;
  }

  /** Creates a VU and runs its init code; errors carry the script's TypeScript line. */
  createVu(idInTest: number, idInInstance: number, scenario?: ScenarioState): Vu {
    const vu = new Vu(this, idInTest, idInInstance, scenario);
    vu.init();
    this.state.vusInitialized++;
    return vu;
  }

  abortTest(reason: string): void {
    this.settings.onAbort(reason);
  }

  describe(error: unknown): string {
    return this.factory.mapper.describe(error);
  }

  /** `open()` reads each file once per thread, as k6 shares file contents across VUs. */
  readFile(file: string): Buffer {
    let content = this.files.get(file);
    if (!content) {
      content = readFileSync(file);
      this.files.set(file, content);
    }
    return content;
  }
}
