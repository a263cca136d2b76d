import { describe, expect, it } from 'vitest';
import { classifyRatio } from '../../../../../reports/verdict/statistics/classify-ratio.ts';

describe('classifyRatio', () => {
  it.each([
    ['a ratio at the noise limit', { ratio: 1.05, low: 1.01, high: 1.09 }, 1.2, 'pass'],
    ['an interval that includes 1', { ratio: 1.3, low: 0.98, high: 1.6 }, 1.2, 'pass'],
    ['an interval with 1 as its upper bound', { ratio: 0.9, low: 0.8, high: 1 }, 1.2, 'pass'],
    ['a confirmed regression under the threshold', { ratio: 1.1, low: 1.07, high: 1.14 }, 1.2, 'warn'],
    ['a regression at the threshold', { ratio: 1.2, low: 1.15, high: 1.25 }, 1.2, 'warn'],
    ['a regression past the threshold whose lower bound is 1.05', { ratio: 1.3, low: 1.05, high: 1.5 }, 1.2, 'warn'],
    ['a regression past the threshold whose lower bound is above 1.05', { ratio: 1.3, low: 1.06, high: 1.5 }, 1.2, 'block'],
    ['the same regression under a higher threshold', { ratio: 1.3, low: 1.06, high: 1.5 }, 1.5, 'warn'],
    ['a regression past a lower threshold', { ratio: 1.12, low: 1.08, high: 1.16 }, 1.1, 'block'],
  ])('classifies %s', (_name, interval, threshold, expected) => {
    expect(classifyRatio(interval, threshold)).toBe(expected);
  });

  it('blocks above a default threshold of 1.2', () => {
    expect(classifyRatio({ ratio: 1.21, low: 1.1, high: 1.3 })).toBe('block');
    expect(classifyRatio({ ratio: 1.19, low: 1.1, high: 1.3 })).toBe('warn');
  });
});
