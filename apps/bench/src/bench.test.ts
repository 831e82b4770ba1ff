/**
 * The bench's own checks, on cpu with a tiny synthetic batch: every
 * workload trains with both libraries, the report has its shape, and Strata
 * keeps its performance contract of no tensor outliving a step. No timing
 * is asserted: CI machines are shared and their speed varies.
 */
import { describe, expect, it } from 'vitest';
import { parseBackend, parseOptions, workloadsFor } from './options';
import { type BenchReport, formatReport, machineInfo, median, summarizeBackend } from './report';
import { runBackend } from './run-backend';
import { torchEnvironment } from './torch';
import { forwardFlops, trainingFlops, workloadNames, workloads } from './workloads';

describe('bench', () => {
  it('trains every workload with both libraries and reports one row each, with no Strata leak', async () => {
    const run = await runBackend({
      backend: { name: 'cpu', threads: 1 },
      workloads: [...workloadNames],
      steps: { W1: 2, W2: 2, W3: 2 },
      warmupSteps: { W1: 1, W2: 1, W3: 1 },
      rounds: 1,
      synthetic: true,
      batchSize: 1,
      predictBatchSizes: [1, 2],
      predictSingleSamples: 2,
      matMulSize: 16,
      scalingSizes: [64, 256],
      log: () => {},
    });
    const { summary, training, predict, scaling } = summarizeBackend(run);
    expect(summary).toMatchObject({ backend: 'cpu', threads: 1, matMulSize: 16 });
    expect(summary.matMulGflops).toBeGreaterThan(0);
    expect(training.map((row) => `${row.workload} ${row.library}`)).toEqual([
      'W1 strata', 'W1 tfjs-layers', 'W2 strata', 'W2 tfjs-layers', 'W3 strata', 'W3 tfjs-layers',
    ]);
    for (const row of training) {
      expect(row.samplesPerSecond).toBeGreaterThan(0);
      expect(row.secondsPerEpoch).toBeCloseTo(row.secondsPerStep * 60_000, 6);
      expect(row.gflops).toBeGreaterThan(0);
      expect(row.peakTensorMiB).toBeGreaterThan(0);
      expect(row.topKernels.length).toBeGreaterThan(0);
      expect(row.speedRatio === null).toBe(row.library === 'tfjs-layers');
      expect(row.cpuRatio === null).toBe(row.library === 'tfjs-layers');
      if (row.library === 'strata') expect(row.leakedTensorsPerEpoch).toBe(0);
    }
    // W1 and W3 are predicted at both batch sizes by both libraries.
    expect(predict.map((row) => `${row.workload}/${row.batchSize}/${row.library}`)).toEqual([
      'W1/1/strata', 'W1/1/tfjs-layers', 'W1/2/strata', 'W1/2/tfjs-layers',
      'W3/1/strata', 'W3/1/tfjs-layers', 'W3/2/strata', 'W3/2/tfjs-layers',
    ]);

    // Strata's predict and evaluate at each n, the rate relative to the smallest n.
    expect(scaling.map((row) => `${row.what}/${row.samples}`)).toEqual(['predict/64', 'evaluate/64', 'predict/256', 'evaluate/256']);
    for (const row of scaling) {
      expect(row.samplesPerSecond).toBeGreaterThan(0);
      if (row.samples === 64) expect(row.rateToSmallest).toBe(1);
    }

    const report: BenchReport = {
      command: 'test',
      date: new Date().toISOString(),
      machine: machineInfo(),
      backends: [summary],
      training,
      predict,
      scaling,
      pytorch: { status: 'skipped', reason: 'test' },
    };
    const parsed = JSON.parse(JSON.stringify(report)) as BenchReport;
    expect(Object.keys(parsed)).toEqual(['command', 'date', 'machine', 'backends', 'training', 'predict', 'scaling', 'pytorch']);
    expect(Object.keys(parsed.training[0]).sort()).toEqual(
      [
        'backend', 'batchSize', 'cpuRatio', 'cpuSecondsPerStep', 'gflops', 'leakedTensorsPerEpoch', 'library', 'peakTensorMiB', 'rounds', 'rssMiB',
        'samplesPerSecond', 'secondsPerEpoch', 'secondsPerStep', 'speedRatio', 'steps', 'topKernels', 'workload',
      ].sort(),
    );
    const table = formatReport(report);
    // Header and separator, then one line per training row.
    expect(table.split('\n').filter((line) => line.startsWith('| cpu | W'))).toHaveLength(training.length + predict.length);
    expect(table.split('\n').filter((line) => /^\| cpu \| (predict|evaluate) \|/.test(line))).toHaveLength(scaling.length);
    expect(table).toContain('PyTorch reference: skipped (test).');
  });

  it('counts training FLOPs as forward + weight gradient + input gradient, less the first layer’s input gradient', () => {
    expect(forwardFlops(workloads.W1)).toBe(2 * (784 * 128 + 128 * 10));
    expect(trainingFlops(workloads.W1)).toBe(2 * (3 * (784 * 128 + 128 * 10) - 784 * 128));
    expect(trainingFlops(workloads.W2)).toBe(2 * (3 * (784 * 512 + 512 * 512 + 5120) - 784 * 512));
    expect(forwardFlops(workloads.W3)).toBe(2 * (26 * 26 * 32 * 9 + 11 * 11 * 64 * 288 + 3 * 3 * 64 * 576 + 576 * 64 + 640));
  });

  it('runs PyTorch without the OpenBLAS tuning variables, at the thread count asked for', () => {
    const env = torchEnvironment(2, { PATH: '/bin', OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: '512', OMP_NUM_THREADS: '8' });
    expect(env).toEqual({
      PATH: '/bin',
      MALLOC_MMAP_THRESHOLD_: '33554432',
      MALLOC_TRIM_THRESHOLD_: '268435456',
      OMP_NUM_THREADS: '2',
      MKL_NUM_THREADS: '2',
      OPENBLAS_NUM_THREADS: '2',
    });
    expect(parseOptions([]).torchThreads).toEqual([1, 2]);
    expect(parseOptions(['--torch-threads', '2']).torchThreads).toEqual([2]);
  });

  it('names the machine: CPU, vector extensions, Node, and whether wasm relaxed SIMD compiles', () => {
    const machine = machineInfo();
    expect(machine.node).toBe(process.version);
    expect(typeof machine.relaxedSimd).toBe('boolean');
    const line = formatReport({ command: 't', date: '', machine, backends: [], training: [], predict: [], scaling: [], pytorch: { status: 'skipped', reason: 't' } }).split('\n')[0];
    expect(line).toContain(`Node ${process.version}`);
    expect(line).toMatch(/relaxed SIMD/);
  });

  it('parses backends and picks defaults per backend', () => {
    expect(parseBackend('wasm:2')).toEqual({ name: 'wasm', threads: 2 });
    expect(() => parseBackend('cpu:2')).toThrow(/expected cpu, wasm, wasm:<threads>/);
    const options = parseOptions(['--backends', 'wasm,cpu', '--steps', '3']);
    expect(options.steps).toBe(3);
    expect(workloadsFor(options, options.backends[0])).toEqual(['W1', 'W2', 'W3']);
    expect(workloadsFor(options, options.backends[1])).toEqual(['W1', 'W2']);
    expect(() => parseOptions(['--workloads', 'W9'])).toThrow(/W1, W2, W3/);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
