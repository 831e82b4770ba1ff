import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LambdaCallback } from '../lambda-callback';
import { LinearModel, fit, regressionData } from '../test-support/linear-model';
import { crc32c } from './crc32c';
import { TensorBoard } from './tensorboard';

/*
 * An independent reader of event files, written from the published specs
 * (TFRecord framing; event.proto, summary.proto, histogram.proto,
 * tensor.proto field numbers), sharing no code with the writer.
 */

/** Bit-by-bit CRC-32C, unlike the writer's table version. */
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? ((crc >>> 1) ^ 0x82f63b78) >>> 0 : crc >>> 1;
  }
  return ~crc >>> 0;
}

function unmask(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

type Field = { wireType: number; value: number | bigint | Uint8Array };

/** Decodes one protobuf message into field number → occurrences. */
function decodeMessage(bytes: Uint8Array): Map<number, Field[]> {
  const fields = new Map<number, Field[]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = bytes[position++];
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
    }
  };
  while (position < bytes.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wireType = key & 7;
    let value: Field['value'];
    if (wireType === 0) value = varint();
    else if (wireType === 1) {
      value = view.getFloat64(position, true);
      position += 8;
    } else if (wireType === 2) {
      const length = Number(varint());
      value = bytes.subarray(position, position + length);
      position += length;
    } else if (wireType === 5) {
      value = view.getFloat32(position, true);
      position += 4;
    } else throw new Error(`unexpected wire type ${wireType}`);
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field)!.push({ wireType, value });
  }
  return fields;
}

const one = (fields: Map<number, Field[]>, field: number) => fields.get(field)?.[0]?.value;
const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

function unpackDoubles(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, index) => view.getFloat64(index * 8, true));
}

interface DecodedValue {
  step: number;
  wallTime: number;
  tag: string;
  simpleValue?: number;
  histogram?: { min: number; max: number; num: number; sum: number; sumSquares: number; bucketLimit: number[]; bucket: number[] };
  plugin?: string;
  stringValue?: string;
  dtype?: number;
}

/** Reads every record, checking both CRCs; returns the file version and the summary values. */
function readEventFile(bytes: Uint8Array): { fileVersion: string; values: DecodedValue[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 0;
  let fileVersion = '';
  const values: DecodedValue[] = [];
  while (position < bytes.length) {
    const length = Number(view.getBigUint64(position, true));
    expect(unmask(view.getUint32(position + 8, true))).toBe(referenceCrc32c(bytes.subarray(position, position + 8)));
    const data = bytes.subarray(position + 12, position + 12 + length);
    expect(unmask(view.getUint32(position + 12 + length, true))).toBe(referenceCrc32c(data));
    position += 16 + length;
    const event = decodeMessage(data);
    const wallTime = one(event, 1) as number;
    const step = Number(one(event, 2) ?? 0n);
    if (event.has(3)) fileVersion = text(one(event, 3));
    for (const summaryValue of event.get(5) ?? []) {
      for (const entry of decodeMessage(summaryValue.value as Uint8Array).get(1) ?? []) {
        const value = decodeMessage(entry.value as Uint8Array);
        const decoded: DecodedValue = { step, wallTime, tag: text(one(value, 1)) };
        if (value.has(2)) decoded.simpleValue = one(value, 2) as number;
        if (value.has(5)) {
          const histo = decodeMessage(one(value, 5) as Uint8Array);
          decoded.histogram = {
            min: one(histo, 1) as number,
            max: one(histo, 2) as number,
            num: one(histo, 3) as number,
            sum: one(histo, 4) as number,
            sumSquares: one(histo, 5) as number,
            bucketLimit: unpackDoubles(one(histo, 6) as Uint8Array),
            bucket: unpackDoubles(one(histo, 7) as Uint8Array),
          };
        }
        if (value.has(9)) decoded.plugin = text(one(decodeMessage(one(decodeMessage(one(value, 9) as Uint8Array), 1) as Uint8Array), 1));
        if (value.has(8)) {
          const tensor = decodeMessage(one(value, 8) as Uint8Array);
          decoded.dtype = Number(one(tensor, 1));
          decoded.stringValue = text(one(tensor, 8));
        }
        values.push(decoded);
      }
    }
  }
  return { fileVersion, values };
}

async function readRun(directory: string): Promise<{ name: string; fileVersion: string; values: DecodedValue[] }> {
  const files = await readdir(directory);
  expect(files).toHaveLength(1);
  return { name: files[0], ...readEventFile(new Uint8Array(await readFile(join(directory, files[0])))) };
}

const scalars = (values: DecodedValue[], tag: string) =>
  values.filter((value) => value.tag === tag).map((value) => [value.step, value.simpleValue]);

let logDir: string;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'strata-tensorboard-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

describe('TensorBoard', () => {
  it('computes CRC-32C as published (check value of "123456789")', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(referenceCrc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('writes epoch scalars, evaluation scalars, histograms and the config as Keras lays them out', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const weightsAtEpochEnd: number[][] = [];
    const recorder = new LambdaCallback({ onEpochEnd: () => void weightsAtEpochEnd.push(model.weightValues()) });
    const history = await fit(model, x, y, {
      epochs: 3,
      callbacks: [recorder, new TensorBoard({ logDir, histogramFreq: 1 })],
      validation: { x, y },
    });
    expect((await readdir(logDir)).sort()).toEqual(['train', 'validation']);

    const train = await readRun(join(logDir, 'train'));
    expect(train.name).toMatch(/^events\.out\.tfevents\.\d{10}\..+\.\d+\.\d+\.v2$/);
    expect(train.fileVersion).toBe('brain.Event:2');
    expect(scalars(train.values, 'epoch_loss')).toEqual(history.history.loss.map((loss, epoch) => [epoch, Math.fround(loss)]));
    expect(scalars(train.values, 'epoch_learning_rate')).toEqual([0, 1, 2].map((epoch) => [epoch, Math.fround(0.05)]));
    expect(train.values.every((value) => Math.abs(value.wallTime - Date.now() / 1000) < 600)).toBe(true);

    const config = train.values.find((value) => value.tag === 'model_config')!;
    expect(config.plugin).toBe('text');
    expect(config.dtype).toBe(7);
    expect(JSON.parse(config.stringValue!.replace(/^```json\n|\n```$/g, ''))).toEqual(model.getConfig());

    const kernels = train.values.filter((value) => value.tag === 'dense/kernel/histogram');
    expect(kernels.map((value) => value.step)).toEqual([0, 1, 2]);
    kernels.forEach(({ histogram }, epoch) => {
      const kernel = weightsAtEpochEnd[epoch].slice(0, 2).map(Math.fround);
      expect(histogram!.num).toBe(2);
      expect(histogram!.min).toBe(Math.min(...kernel));
      expect(histogram!.max).toBe(Math.max(...kernel));
      expect(histogram!.sum).toBeCloseTo(kernel[0] + kernel[1], 10);
      expect(histogram!.sumSquares).toBeCloseTo(kernel[0] ** 2 + kernel[1] ** 2, 10);
      expect(histogram!.bucket.reduce((total, count) => total + count, 0)).toBe(2);
      expect(histogram!.bucketLimit.at(-1)).toBe(histogram!.max);
      expect(histogram!.bucket).toHaveLength(histogram!.bucketLimit.length);
    });
    expect(train.values.filter((value) => value.tag === 'dense/bias/histogram')).toHaveLength(3);

    const validation = await readRun(join(logDir, 'validation'));
    expect(validation.fileVersion).toBe('brain.Event:2');
    expect(scalars(validation.values, 'epoch_loss')).toEqual(history.history.val_loss.map((loss, epoch) => [epoch, Math.fround(loss)]));
    // Step = training iterations so far: 4 batches per epoch.
    expect(scalars(validation.values, 'evaluation_loss_vs_iterations')).toEqual(
      history.history.val_loss.map((loss, epoch) => [4 * (epoch + 1), Math.fround(loss)]),
    );
    expect(validation.values.some((value) => value.tag === 'epoch_learning_rate')).toBe(false);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('writes batch scalars every updateFreq batches, and no validation run without validation', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const batchLosses: number[] = [];
    const recorder = new LambdaCallback({ onTrainBatchEnd: (_batch, logs) => void batchLosses.push(logs!.loss) });
    await fit(model, x, y, { epochs: 2, callbacks: [recorder, new TensorBoard({ logDir, updateFreq: 3, writeGraph: false })] });
    expect(await readdir(logDir)).toEqual(['train']);
    const train = await readRun(join(logDir, 'train'));
    // Global batch counter starts at 1 (Keras increments it before the batch): batches 3 and 6 of 8.
    expect(scalars(train.values, 'batch_loss')).toEqual([
      [3, Math.fround(batchLosses[2])],
      [6, Math.fround(batchLosses[5])],
    ]);
    expect(train.values.some((value) => value.tag === 'model_config')).toBe(false);
    model.dispose();
    tf.dispose([x, y]);
  });
});
