import type { Tags } from '../metrics/metric-types.ts';
import type { Vu } from '../runtime/vu.ts';
import { customTagKey, TagSetCache } from '../runtime/tag-set-cache.ts';

type Checks = Record<string, ((value: unknown) => unknown) | unknown>;

/** The `k6` module of one VU: check, group, sleep and fail. */
export function createK6Module(vu: Vu) {
  const { builtins, sink } = vu.runtime;
  const checkTags = new TagSetCache(vu);

  /** Records one `checks` sample per named check; returns whether all passed. Checks never throw on failure. */
  function check(value: unknown, checks: Checks, tags?: Tags): boolean {
    let all = true;
    for (const name of Object.keys(checks)) {
      const condition = checks[name];
      let passed: boolean;
      try {
        passed = Boolean(typeof condition === 'function' ? condition(value) : condition);
      } catch (error) {
        vu.runtime.logger.log('error', `check ${JSON.stringify(name)} threw: ${vu.runtime.describe(error)}`, 'stacktrace');
        passed = false;
      }
      const tagSet = checkTags.get(tags ? name + '\u0000' + customTagKey(tags) : name, (base) => {
        const sampleTags: Tags = { ...base, check: name };
        if (tags) for (const tag in tags) sampleTags[tag] = String(tags[tag]);
        return sampleTags;
      });
      vu.emit(builtins.checks, tagSet, passed ? 1 : 0);
      all &&= passed;
    }
    return all;
  }

  /** Runs `fn` inside a group; async functions keep the group until their promise settles. */
  function group<T>(name: string, fn: () => T): T {
    if (name.includes('::')) throw new Error(`invalid group name ${JSON.stringify(name)}; group names cannot contain "::"`);
    const parent = vu.groupPath;
    const path = `${parent}::${name}`;
    const started = performance.now();
    const end = () => {
      vu.groupPath = path;
      vu.emit(builtins.group_duration, vu.baseTagSet(), performance.now() - started);
      vu.groupPath = parent;
    };
    vu.groupPath = path;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      vu.groupPath = parent;
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value) => (end(), value),
        (error: unknown) => {
          vu.groupPath = parent;
          throw error;
        },
      ) as T;
    }
    end();
    return result;
  }

  /** Awaitable: `await sleep(1)` pauses this VU only, the event loop keeps serving the others. */
  function sleep(seconds: number): Promise<void> {
    if (!(seconds >= 0)) throw new Error(`invalid sleep duration ${JSON.stringify(seconds)}; expected a number of seconds ≥ 0`);
    return vu.timers.sleep(seconds * 1000);
  }

  function fail(message = ''): never {
    throw new Error(message);
  }

  function randomSeed(): void {
    vu.runtime.logger.log('warn', 'randomSeed() is not supported by the loadbook engine; Math.random stays unseeded');
  }

  const module = { check, group, sleep, fail, randomSeed };
  return { ...module, default: module, __esModule: true };
}
