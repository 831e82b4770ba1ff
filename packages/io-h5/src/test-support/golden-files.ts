// Shared by this package's tests only (tsup bundles src/index.ts, not this file).
import { readFileSync } from 'node:fs';
import type { NpyArray } from '@strata/datasets';
import * as h5wasm from 'h5wasm';
import { goldenPath, hasGolden, readGoldenNpz } from '@strata/testing';
import { expect } from 'vitest';
import type { WeightArray } from '../types';

export const GOLDEN_MODELS = ['a_mlp_tutorial', 'a_mlp_tutorial_trained', 'b_mlp_784', 'c_cnn', 'd_functional', 'e1_cnn_bn', 'e2_embedding_lstm'];

export const goldenAvailable = hasGolden();

export function readGoldenBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(goldenPath(...parts)));
}

/** weights.npz as (variable path, array) pairs in model.weights order; keys are `NNN__path__with__underscores`. */
export function goldenWeights(...parts: string[]): Array<{ path: string; array: NpyArray }> {
  return [...readGoldenNpz(...parts)].map(([key, array]) => ({ path: key.replace(/^\d+__/, '').replace(/\.npy$/, '').replaceAll('__', '/'), array }));
}

const DTYPE_BY_NPY: Record<string, string> = { f4: 'float32', f8: 'float64', i4: 'int32', i8: 'int64' };

/** Bit-for-bit equality of a weight we read and one numpy wrote. */
export function expectSameArray(actual: WeightArray, expected: NpyArray, label: string): void {
  expect(actual.dtype, label).toBe(DTYPE_BY_NPY[expected.dtype]);
  expect(actual.shape, label).toEqual(expected.shape);
  expect(bytesOf(actual.data).equals(bytesOf(expected.data)), `${label}: data differs`).toBe(true);
}

export function expectSameWeight(actual: WeightArray, expected: WeightArray, label: string): void {
  expect(actual.dtype, label).toBe(expected.dtype);
  expect(actual.shape, label).toEqual(expected.shape);
  expect(bytesOf(actual.data).equals(bytesOf(expected.data)), `${label}: data differs`).toBe(true);
}

function bytesOf(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * An independent view of an HDF5 file, for checking our writers: h5wasm's own
 * API (not our reader) lists every group, dataset and attribute with its HDF5
 * type, shape and layout.
 */
export type Listing = Record<string, unknown>;

export async function listHdf5(bytes: Uint8Array, parseJsonAttributes: string[] = []): Promise<Listing> {
  const module = await h5wasm.ready;
  const name = `/structure-${Math.random().toString(36).slice(2)}.h5`;
  module.FS!.writeFile(name, bytes);
  const file = new h5wasm.File(name, 'r');
  try {
    const listing: Listing = {};
    const attributesOf = (object: InstanceType<typeof h5wasm.Group> | InstanceType<typeof h5wasm.Dataset>) =>
      Object.fromEntries(
        Object.entries(object.attrs).map(([attributeName, attribute]) => {
          const { type, cset, vlen, size, shape } = attribute.metadata as unknown as Record<string, unknown>;
          let value: unknown = attribute.json_value;
          if (parseJsonAttributes.includes(attributeName)) value = JSON.parse(value as string);
          return [attributeName, { type, cset, vlen, size, shape, dtype: attribute.dtype, value }];
        }),
      );
    const visit = (group: InstanceType<typeof h5wasm.Group>) => {
      listing[group.path] = { kind: 'group', attributes: attributesOf(group) };
      for (const child of group.keys()) {
        const member = group.get(child);
        if (member instanceof h5wasm.Group) visit(member);
        else if (member instanceof h5wasm.Dataset) {
          const { shape, maxshape, chunks, size, type, signed, littleEndian } = member.metadata as unknown as Record<string, unknown>;
          listing[member.path] = { kind: 'dataset', dtype: member.dtype, shape, maxshape, chunks, size, type, signed, littleEndian, filters: member.filters, attributes: attributesOf(member) };
        } else listing[`${group.path}/${child}`] = { kind: String((member as { type?: string })?.type) };
      }
    };
    visit(file);
    return listing;
  } finally {
    file.close();
    module.FS!.unlink(name);
  }
}

/** Zip members with their stored method and size, read with fflate's reference unzipper. */
export async function zipMembers(bytes: Uint8Array): Promise<Array<{ name: string; method: number; bytes: Uint8Array }>> {
  const { unzipSync } = await import('fflate');
  const members: Array<{ name: string; method: number; bytes: Uint8Array }> = [];
  const contents = unzipSync(bytes, {
    filter: (file) => {
      members.push({ name: file.name, method: file.compression, bytes: new Uint8Array(0) });
      return true;
    },
  });
  for (const member of members) member.bytes = contents[member.name];
  return members;
}

