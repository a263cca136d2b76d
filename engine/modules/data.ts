import type { Vu } from '../runtime/vu.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The `k6/data` module: SharedArray data is built once per thread and shared, read-only, by its VUs. */
export function createDataModule(vu: Vu) {
  const shared = vu.runtime.sharedArrays;

  class SharedArray {
    constructor(name: string, build: () => unknown[]) {
      if (vu.stage !== 'init') throw new Error(`SharedArray ${JSON.stringify(name)} must be created in the init context`);
      let data = shared.get(name);
      if (!data) {
        data = build();
        if (!Array.isArray(data)) throw new Error(`SharedArray ${JSON.stringify(name)}: the function must return an array, got ${typeof data}`);
        shared.set(name, deepFreeze(data));
      }
      return data as unknown as SharedArray;
    }
  }

  const module = { SharedArray };
  return { ...module, default: module, __esModule: true };
}
