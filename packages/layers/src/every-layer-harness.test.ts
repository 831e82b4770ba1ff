/**
 * Every exported layer class goes through runLayerTest: each has a spec in one
 * of the tables under test-support/specs, and each table runs, through
 * describeLayerTests, on every backend from its family's test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Layer } from './engine/layer';
import * as exported from './index';
import { layerSpecTables } from './test-support/specs/index';

const sourceDir = import.meta.dirname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the layer harness covers every layer', () => {
  it('has a spec for each exported layer class with a Keras class name', () => {
    const layerClasses = Object.values(exported)
      .filter((value) => typeof value === 'function' && value.prototype instanceof Layer)
      .filter((value) => Object.hasOwn(value, 'className') && typeof (value as { fromConfig?: unknown }).fromConfig === 'function')
      .map((value) => (value as unknown as { className: string }).className);
    expect(layerClasses.length).toBeGreaterThan(80);
    const specified = new Set(Object.values(layerSpecTables).flatMap((table) => Object.keys(table)));
    expect(layerClasses.filter((name) => !specified.has(name)), 'exported layers without a harness spec').toEqual([]);
    expect([...specified].filter((name) => !layerClasses.includes(name)), 'specs of classes that are not exported').toEqual([]);
  });

  it('runs each spec table from a test file', () => {
    const sources = testFiles(sourceDir).map((path) => readFileSync(path, 'utf8'));
    for (const name of Object.keys(layerSpecTables)) {
      const pattern = new RegExp(`describeLayerTests\\([^)]*\\b${name}\\b`);
      expect(sources.some((source) => pattern.test(source)), `a test file runs describeLayerTests on ${name}`).toBe(true);
    }
  });
});
