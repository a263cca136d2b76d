import path from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { ScriptBundle } from './bundle-script.ts';

/** Rewrites stack frames of the bundled script so they point at the user's TypeScript lines. */
export class SourceMapper {
  private readonly map: TraceMap;
  private readonly frame: RegExp;

  constructor(
    bundle: ScriptBundle,
    readonly filename: string,
  ) {
    this.map = new TraceMap(bundle.sourceMap, bundle.entry + '.bundle.js');
    const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.frame = new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g');
  }

  mapStack(stack: string): string {
    return stack.replace(this.frame, (whole, line: string, column: string) => {
      const original = originalPositionFor(this.map, { line: Number(line), column: Number(column) - 1 });
      if (!original.source || original.line == null) return whole;
      const source = original.source.startsWith('file://') ? new URL(original.source).pathname : original.source;
      return `${path.resolve(source)}:${original.line}:${(original.column ?? 0) + 1}`;
    });
  }

  /**
   * The error's message and the stack frames inside the user's script, mapped to its TypeScript lines;
   * frames of the engine itself say nothing the script's author can act on.
   */
  describe(error: unknown): string {
    if (!(error instanceof Error) || !error.stack) return String(error);
    const [message, ...frames] = this.mapStack(error.stack).split('\n');
    const own = frames.filter((frame) => frame.includes(this.filename) === false && this.isScriptFrame(frame));
    return [message, ...own].join('\n');
  }

  private isScriptFrame(frame: string): boolean {
    return /^\s+at /.test(frame) && !/node:|node_modules|\/engine\//.test(frame);
  }
}
