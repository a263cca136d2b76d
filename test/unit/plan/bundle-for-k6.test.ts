import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleForK6 } from '../../../plan/bundle-for-k6.ts';

describe('bundleForK6', () => {
  it('writes each scenario as an ES module that imports nothing but k6 modules', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'loadbook-k6-'));
    const files = await bundleForK6(out);
    const productGet = files.find((file) => file.endsWith('product-get.js'))!;
    expect(productGet).toBeDefined();
    const code = readFileSync(productGet, 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((specifier) => specifier === 'k6' || specifier!.startsWith('k6/'))).toBe(true);
    expect(code).toMatch(/export \{[^}]*productGet/);
    expect(code).not.toMatch(/: Promise<void>/);
  });
});
