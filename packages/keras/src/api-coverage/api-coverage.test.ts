import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as keras from '../index';
import { type KerasApi, candidateNames, coverageMarkdown, measureCoverage } from './coverage';
import { missingReason } from './reasons';

const here = dirname(fileURLToPath(import.meta.url));
const docPath = join(here, '../../../../docs/API-COVERAGE.md');
const api = JSON.parse(readFileSync(join(here, 'keras-api.json'), 'utf8')) as KerasApi;

describe('Keras API coverage', () => {
  it('maps Keras names to Strata names', () => {
    expect(candidateNames('keras.utils', 'to_categorical')).toEqual(['utils.toCategorical']);
    expect(candidateNames('keras.layers', 'Conv2D')).toEqual(['layers.Conv2D']);
    expect(candidateNames('keras.datasets.fashion_mnist', 'load_data')).toEqual(['datasets.fashionMnist.loadData', 'datasets.loadData']);
    expect(candidateNames('keras', '__version__')).toEqual(['version']);
  });

  it('docs/API-COVERAGE.md is current', () => {
    const coverage = measureCoverage(api, keras as unknown as Record<string, unknown>, missingReason);
    const markdown = coverageMarkdown(api, coverage);
    console.log(`Keras API coverage: ${coverage.covered}/${coverage.total} = ${((100 * coverage.covered) / coverage.total).toFixed(1)}% (with planned: ${(100 * (coverage.covered + coverage.planned) / coverage.total).toFixed(1)}%)`);
    if (process.env.STRATA_WRITE_API_COVERAGE) writeFileSync(docPath, markdown);
    expect(readFileSync(docPath, 'utf8')).toBe(markdown);
  });
});
