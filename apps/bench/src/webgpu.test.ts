/**
 * The webgpu configuration: its options, the report of a run without an
 * adapter (skipped, with the reason, and not a failure), and the naming of
 * the adapter when one exists. A real run happens only where an adapter
 * exists (for example SwiftShader through VK_ICD_FILENAMES); no timing is asserted.
 */
import { requestWebGpuAdapter } from '@strata/backend';
import { describe, expect, it } from 'vitest';
import { describeAdapter, isSoftwareAdapter } from './adapter';
import { childArguments, parseBackend, parseOptions, predictSamplesFor, stepsFor, workloadsFor } from './options';
import { type BenchReport, formatReport, machineInfo, summarizeBackend, unmeasuredSummary } from './report';
import { type BackendRun, runBackend } from './run-backend';

const swiftShader = { vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0' };
const hardware = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'NVIDIA GeForce RTX 3080' };

function reportOf(run: BackendRun): BenchReport {
  const { summary, training, predict, scaling } = summarizeBackend(run);
  return { command: 'test', date: '2026-01-01T00:00:00.000Z', machine: machineInfo(), backends: [summary], training, predict, scaling, pytorch: { status: 'skipped', reason: 'test' } };
}

describe('webgpu options', () => {
  it('parses webgpu, refuses a thread count on it, and runs it last by default', () => {
    expect(parseBackend('webgpu')).toEqual({ name: 'webgpu', threads: 1 });
    expect(() => parseBackend('webgpu:2')).toThrow(/or webgpu/);
    expect(() => parseBackend('wasm:0')).toThrow(/wasm:<threads>/);
    expect(() => parseBackend('gpu')).toThrow(/--backends received 'gpu'/);
    expect(parseOptions([]).backends).toEqual([
      { name: 'wasm', threads: 1 },
      { name: 'wasm', threads: 2 },
      { name: 'cpu', threads: 1 },
      { name: 'webgpu', threads: 1 },
    ]);
    expect(parseOptions(['--backends', 'cpu,webgpu']).backends).toEqual([
      { name: 'cpu', threads: 1 },
      { name: 'webgpu', threads: 1 },
    ]);
  });

  it('runs W1 and W2 by default on webgpu, with few steps, and passes them to its child', () => {
    const options = parseOptions(['--backends', 'webgpu']);
    const [webgpu] = options.backends;
    expect(workloadsFor(options, webgpu)).toEqual(['W1', 'W2']);
    expect(stepsFor(options, webgpu)).toEqual({ W1: 10, W2: 1, W3: 1 });
    expect(predictSamplesFor(options, webgpu)).toBe(16);
    expect(predictSamplesFor(options, { name: 'wasm', threads: 1 })).toBe(64);
    const args = childArguments(options, webgpu, 'webgpu');
    expect(args).toEqual(expect.arrayContaining(['--child', '--backends', 'webgpu', '--workloads', 'W1,W2']));
    expect(args[args.indexOf('--predict-samples') + 1]).toBe('16');
    expect(parseOptions(args)).toMatchObject({ backends: [webgpu], workloads: ['W1', 'W2'], steps: undefined, predictSingleSamples: 16 });

    const asked = parseOptions(['--backends', 'webgpu', '--workloads', 'W3', '--steps', '2']);
    expect(workloadsFor(asked, asked.backends[0])).toEqual(['W3']);
    expect(stepsFor(asked, asked.backends[0])).toEqual({ W1: 2, W2: 2, W3: 2 });
    expect(predictSamplesFor(parseOptions(['--predict-samples', '8']), webgpu)).toBe(8);
  });
});

describe('webgpu report', () => {
  it('says a webgpu run without an adapter was skipped, with its reason, in the table and the JSON', () => {
    const reason = "The 'webgpu' backend has no GPU adapter: navigator.gpu.requestAdapter() returned null.";
    const report = reportOf({ backend: 'webgpu', threads: null, simd: false, skipped: reason, matMul: null, maxRssBytes: 0, training: [], predict: [], scaling: [] });
    expect(report.backends).toEqual([{ ...unmeasuredSummary('webgpu', null), skipped: reason }]);
    expect(report.backends[0].error).toBeUndefined();
    const text = formatReport(report);
    expect(text).toContain(`webgpu: skipped, ${reason}`);
    expect(text).toContain('| webgpu | – | – | – | – | – | – | – | – | – | – | – | – | skipped (the reason is below the table) |');
    expect(JSON.parse(JSON.stringify(report)).backends[0].skipped).toBe(reason);
  });

  it('names the adapter in the Backends table and flags a software adapter', () => {
    expect(isSoftwareAdapter(swiftShader)).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: '', device: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter(hardware)).toBe(false);
    expect(describeAdapter(swiftShader)).toBe('google swiftshader (SwiftShader driver 5.0.0)');
    expect(describeAdapter({ vendor: '', architecture: '', device: '', description: '' })).toBe('unnamed adapter');

    const run = (adapter: typeof hardware): BackendRun => ({
      backend: 'webgpu',
      threads: null,
      simd: false,
      adapter,
      matMul: { size: 512, gflops: 0.44, gflopsTransposedA: 0.4, strataGflops: null, strataGflopsTransposedA: null },
      maxRssBytes: 2 ** 30,
      training: [],
      predict: [],
      scaling: [],
    });
    const software = reportOf(run(swiftShader));
    expect(software.backends[0].adapter).toEqual({ ...swiftShader, software: true });
    expect(formatReport(software)).toContain(
      '| webgpu | – | – | false | 512 | 0.44 | 0.40 | – | – | – | – | – | 1024 | adapter: google swiftshader (SwiftShader driver 5.0.0), a software adapter on the CPU: says nothing about GPU speed |',
    );
    const gpu = formatReport(reportOf(run(hardware)));
    expect(gpu).toContain('| adapter: nvidia ampere (NVIDIA GeForce RTX 3080) |');
  });
});

describe('webgpu run', () => {
  it('trains W1 with both libraries where an adapter exists, and is skipped with the reason where none does', async () => {
    const adapter = await requestWebGpuAdapter().catch(() => null);
    const run = await runBackend({
      backend: { name: 'webgpu', threads: 1 },
      workloads: ['W1'],
      steps: { W1: 1, W2: 1, W3: 1 },
      warmupSteps: { W1: 1, W2: 1, W3: 1 },
      rounds: 1,
      synthetic: true,
      batchSize: 2,
      predictBatchSizes: [2],
      predictSingleSamples: 2,
      matMulSize: 16,
      scalingSizes: [],
      log: () => {},
    });
    if (adapter === null) {
      expect(run.skipped).toMatch(/The 'webgpu' backend/);
      expect(run.training).toEqual([]);
      return;
    }
    expect(run.skipped).toBeUndefined();
    expect(run.adapter).toEqual(adapter);
    expect(run.matMul?.gflops).toBeGreaterThan(0);
    expect(run.training.map((row) => row.library)).toEqual(['strata', 'tfjs-layers']);
    expect(run.training.find((row) => row.library === 'strata')?.leakedTensorsPerRound).toEqual([0]);
    expect(run.predict.map((row) => `${row.batchSize}/${row.library}`)).toEqual(['2/strata', '2/tfjs-layers']);
  });
});
