import { OptionsError, shown } from '../errors.ts';
import { formatNumber, roundDown } from '../options/machine-limits.ts';
import { parseDuration } from '../options/parse-duration.ts';

/** Reads one scenario option with k6's default, failing with a line that names the scenario and option. */
export class OptionReader {
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly scenario: string,
  ) {}

  private where(option: string): string {
    return `scenarios.${this.scenario}.${option}`;
  }

  /** The value as given: numbers as written (`Infinity`, not JSON's `null`), anything else as shown(). */
  private given(value: unknown): string {
    return typeof value === 'number' ? String(value) : shown(value);
  }

  has(option: string): boolean {
    return this.raw[option] !== undefined;
  }

  integer(option: string, fallback: number | undefined, minimum: number): number {
    const value = this.raw[option] ?? fallback;
    if (value === undefined) throw new OptionsError(`missing ${this.where(option)}; expected an integer ≥ ${minimum}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
      throw new OptionsError(`invalid ${this.where(option)}; expected an integer ≥ ${minimum}, got ${this.given(value)}`);
    }
    return value;
  }

  rate(option: string, fallback?: number, allowZero = false): number {
    const value = this.raw[option] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
      throw new OptionsError(
        `invalid ${this.where(option)}; expected a ${allowZero ? 'non-negative' : 'positive'} number of iterations per timeUnit, got ${this.given(value)}`,
      );
    }
    return value;
  }

  /**
   * Refuses rates that schedule more iterations than a double counts exactly (2^53 − 1): past that, an
   * iteration index no longer advances. Any smaller rate is accepted, however far beyond the VUs it is:
   * what they cannot start is counted in dropped_iterations, as k6 does.
   * @param total the iterations the scenario's rates schedule.
   * @param maxRate the highest `option` that stays countable, when one option sets the rate.
   */
  countable(total: number, option: string, maxRate?: number): void {
    if (total <= Number.MAX_SAFE_INTEGER) return;
    const fix = maxRate === undefined ? `lower startRate or the stages' targets` : `use ${option} ≤ ${formatNumber(roundDown(maxRate))}`;
    throw new OptionsError(
      `invalid ${this.where(option)} ${this.given(this.raw[option])}; the scenario would schedule ${formatNumber(total)} iterations, more than 2^53, the most the engine counts exactly; ${fix}`,
    );
  }

  duration(option: string, fallback?: string): number {
    const value = this.raw[option] ?? fallback;
    if (value === undefined) throw new OptionsError(`missing ${this.where(option)}; expected a duration such as "30s"`);
    return parseDuration(value, this.where(option));
  }

  positiveDuration(option: string, fallback?: string): number {
    const ms = this.duration(option, fallback);
    if (ms <= 0) throw new OptionsError(`invalid ${this.where(option)}; expected a duration above zero, got ${shown(this.raw[option] ?? fallback)}`);
    return ms;
  }

  stages(): { durationMs: number; target: number }[] {
    const stages = this.raw.stages;
    if (!Array.isArray(stages) || stages.length === 0) {
      throw new OptionsError(`invalid ${this.where('stages')}; expected a non-empty array of { duration, target }, got ${shown(stages)}`);
    }
    return stages.map((stage: { duration?: unknown; target?: unknown }, index) => {
      const target = stage?.target;
      if (typeof target !== 'number' || !Number.isFinite(target) || target < 0) {
        throw new OptionsError(`invalid ${this.where(`stages[${index}].target`)}; expected a number ≥ 0, got ${shown(target)}`);
      }
      return { durationMs: parseDuration(stage?.duration, this.where(`stages[${index}].duration`)), target };
    });
  }
}
