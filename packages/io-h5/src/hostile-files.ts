// Builders of broken and hostile files for hostile.test.ts (test-only; not bundled).
import { zipSync } from 'fflate';
import * as h5wasm from 'h5wasm';

type Group = InstanceType<typeof h5wasm.Group>;

/** An HDF5 file built with h5wasm's own API, so it can hold things our writer refuses to produce. */
export async function buildHdf5(build: (file: InstanceType<typeof h5wasm.File>) => void): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const name = `/hostile-${Math.random().toString(36).slice(2)}.h5`;
  const file = new h5wasm.File(name, 'w');
  try {
    build(file);
  } finally {
    file.close();
  }
  const bytes = new Uint8Array(module.FS!.readFile(name));
  module.FS!.unlink(name);
  return bytes;
}

export function groupAt(file: Group, path: string): Group {
  let current = file;
  for (const part of path.split('/')) current = (current.keys().includes(part) ? current.get(part) : current.create_group(part)) as Group;
  return current;
}

export function float32Dataset(group: Group, name: string, values: number[], shape = [values.length]): void {
  group.create_dataset({ name, data: Float32Array.from(values), shape, dtype: '<f' });
}

/** A minimal valid weights store: one layer with one variable. */
export function validWeightsStore(file: InstanceType<typeof h5wasm.File>): void {
  float32Dataset(groupAt(file, 'layers/dense/vars'), '0', [1, 2]);
}

/** A minimal valid legacy model file; `change` may break one thing in it. */
export function legacyModel(file: InstanceType<typeof h5wasm.File>, change: Partial<Record<'modelConfig' | 'layerNames' | 'weightNames', unknown>> = {}): void {
  const setAttribute = (target: Group, name: string, value: unknown) => {
    if (typeof value === 'string') target.create_attribute(name, value, null, 'A');
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) target.create_attribute(name, value, [value.length], 'A');
    else target.create_attribute(name, value as number[]);
  };
  setAttribute(file, 'model_config', change.modelConfig ?? '{"class_name": "Sequential", "config": {}}');
  const weights = groupAt(file, 'model_weights');
  setAttribute(weights, 'layer_names', change.layerNames ?? ['dense']);
  const layer = groupAt(weights, 'dense');
  setAttribute(layer, 'weight_names', change.weightNames ?? ['dense/kernel:0']);
  float32Dataset(groupAt(layer, 'dense'), 'kernel:0', [1, 2]);
}

export function zipOf(members: Record<string, Uint8Array | string>, level: 0 | 9 = 0): Uint8Array {
  const encoder = new TextEncoder();
  return zipSync(Object.fromEntries(Object.entries(members).map(([name, content]) => [name, [typeof content === 'string' ? encoder.encode(content) : content, { level }]])));
}

/** A `.keras` archive from parts, for cases where one member is broken. */
export function kerasZip(parts: { config?: string; metadata?: string; weights?: Uint8Array; extra?: Record<string, Uint8Array | string> }, level: 0 | 9 = 0): Uint8Array {
  const members: Record<string, Uint8Array | string> = {};
  if (parts.metadata !== undefined) members['metadata.json'] = parts.metadata;
  if (parts.config !== undefined) members['config.json'] = parts.config;
  if (parts.weights !== undefined) members['model.weights.h5'] = parts.weights;
  return zipOf({ ...members, ...parts.extra }, level);
}

/**
 * Rewrites the declared uncompressed size of every member, in both the local
 * headers and the central directory, to make a zip that lies about its size.
 */
export function withDeclaredSize(zip: Uint8Array, declared: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset + 4 <= copy.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50) view.setUint32(offset + 22, declared, true);
    if (signature === 0x02014b50) view.setUint32(offset + 24, declared, true);
  }
  return copy;
}

/** Zeros that deflate about 1000:1, the classic bomb payload. */
export function zeros(length: number): Uint8Array {
  return new Uint8Array(length);
}

/** Flips the bits of one byte. */
export function flipByte(bytes: Uint8Array, offset: number, mask = 0xff): Uint8Array {
  const copy = bytes.slice();
  copy[offset] ^= mask;
  return copy;
}

/** Every offset where an ASCII signature such as "TREE" or "HEAP" occurs. */
export function offsetsOf(bytes: Uint8Array, text: string): number[] {
  const pattern = new TextEncoder().encode(text);
  const offsets: number[] = [];
  for (let offset = 0; offset + pattern.length <= bytes.length; offset++) {
    if (pattern.every((byte, index) => bytes[offset + index] === byte)) offsets.push(offset);
  }
  return offsets;
}
