// Runs the golden cases that real Keras wrote (golden/*.json, made by scripts/golden/*.py) against Strata's ops.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';

interface EncodedTensor {
  tensor: { dtype: string; shape: number[]; data: Array<number | boolean | string> };
}
type Encoded = null | number | boolean | string | EncodedTensor | Encoded[] | { [key: string]: Encoded };

export interface GoldenCase {
  op: string;
  namespace: string;
  args: Encoded[];
  kwargs: Record<string, Encoded>;
  result?: Encoded;
  error?: string;
  rtol?: number;
  note?: string;
}

const goldenFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');

export function readGoldenCases(file: string): GoldenCase[] {
  return (JSON.parse(readFileSync(join(goldenFolder, file), 'utf8')) as { cases: GoldenCase[] }).cases;
}

/** Keras's dtype of a golden array, as the tfjs dtype Strata holds it in. */
export function tfjsDtype(kerasDtype: string): 'float32' | 'int32' | 'bool' {
  if (kerasDtype === 'bool') return 'bool';
  if (kerasDtype.startsWith('float') || kerasDtype === 'bfloat16') return 'float32';
  return 'int32';
}

function decodeNumber(value: number | boolean | string): number {
  if (value === 'nan') return Number.NaN;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(value);
}

function isEncodedTensor(value: unknown): value is EncodedTensor {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'tensor' in value;
}

/** A complex64 tensor from golden data holding [real, imag] pairs interleaved. */
function complexTensor(data: Array<number | boolean | string>, shape: number[]): tf.Tensor {
  const values = data.map(decodeNumber);
  return tf.tidy(() =>
    tf.complex(
      tf.tensor(values.filter((_, i) => i % 2 === 0), shape, 'float32'),
      tf.tensor(values.filter((_, i) => i % 2 === 1), shape, 'float32'),
    ),
  );
}

/** [real, imag] pairs interleaved, as the golden files hold complex values. */
function complexValues(tensor: tf.Tensor): number[] {
  const [real, imag] = [tf.real(tensor), tf.imag(tensor)];
  const [re, im] = [real.dataSync(), imag.dataSync()];
  tf.dispose([real, imag]);
  return Array.from(re).flatMap((value, i) => [value, im[i]]);
}

/** An argument as a JavaScript value: arrays become tensors, the rest stays plain. */
export function decode(value: Encoded): unknown {
  if (isEncodedTensor(value)) {
    const { dtype, shape, data } = value.tensor;
    if (dtype.startsWith('complex')) return complexTensor(data, shape);
    const target = tfjsDtype(dtype);
    if (target === 'bool') return tf.tensor(data as boolean[], shape, 'bool');
    return tf.tensor(data.map(decodeNumber), shape, target);
  }
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === 'string') return value === 'nan' || value === 'inf' || value === '-inf' ? decodeNumber(value) : value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [camelCase(key), decode(item)]));
  }
  return value;
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The arguments of a case as Strata's signature takes them: required ones positionally, then one options object. */
export function callArguments(goldenCase: GoldenCase): unknown[] {
  const args = goldenCase.args.map(decode);
  if (Object.keys(goldenCase.kwargs).length > 0) args.push(decode(goldenCase.kwargs));
  return args;
}

function collectTensors(value: unknown, into: tf.Tensor[] = []): tf.Tensor[] {
  if (value instanceof tf.Tensor) into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectTensors(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectTensors(item, into));
  return into;
}

function close(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/** Compares an op's result with Keras's: dtype and shape exactly, floats within rtol, integers and booleans exactly. */
export function expectMatchesGolden(actual: unknown, expected: Encoded, where: string, rtol = 1e-5): void {
  if (isEncodedTensor(expected)) {
    const { dtype, shape, data } = expected.tensor;
    const tensor = actual instanceof tf.Tensor ? actual : null;
    expect(tensor, `${where}: expected a tensor, received ${typeof actual}`).not.toBeNull();
    const complex = dtype.startsWith('complex');
    expect(tensor!.dtype, `${where}: dtype`).toBe(complex ? 'complex64' : tfjsDtype(dtype));
    expect(tensor!.shape, `${where}: shape`).toEqual(shape);
    const values = complex ? complexValues(tensor!) : Array.from(tensor!.dataSync() as ArrayLike<number>, Number);
    const wanted = data.map(decodeNumber);
    const exact = !complex && tfjsDtype(dtype) !== 'float32';
    for (let i = 0; i < wanted.length; i++) {
      const ok = exact ? values[i] === wanted[i] : close(values[i], wanted[i], rtol, rtol / 10);
      if (!ok) expect.fail(`${where}: element ${i} is ${values[i]}, Keras gives ${wanted[i]} (${exact ? 'exact' : `rtol ${rtol}`})`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${where}: expected a list of ${expected.length}`).toBe(true);
    expect((actual as unknown[]).length, `${where}: length`).toBe(expected.length);
    expected.forEach((item, i) => expectMatchesGolden((actual as unknown[])[i], item, `${where}[${i}]`, rtol));
    return;
  }
  if (typeof expected === 'number' || expected === 'nan' || expected === 'inf' || expected === '-inf') {
    const value = actual instanceof tf.Tensor ? (actual.dataSync()[0] as number) : (actual as number);
    if (!close(Number(value), decodeNumber(expected), rtol, rtol / 10)) expect.fail(`${where}: ${value}, Keras gives ${expected}`);
    return;
  }
  if (typeof expected === 'boolean' && actual instanceof tf.Tensor) {
    expect(Boolean(actual.dataSync()[0]), where).toBe(expected);
    return;
  }
  expect(actual, where).toEqual(expected);
}

/**
 * One vitest case per golden case of `file`, looking each op up in `namespace` (an object of ops keyed by camelCase
 * name, such as the package's index). A case where Keras raised must raise in Strata too; none may leak a tensor.
 */
export function itMatchesKeras(file: string, namespaces: Record<string, Record<string, unknown>>): void {
  const cases = readGoldenCases(file);
  cases.forEach((goldenCase, index) => {
    const label = `${goldenCase.namespace}.${goldenCase.op} #${index}${goldenCase.note ? ` (${goldenCase.note})` : ''}`;
    it(label, () => {
      const namespace = namespaces[goldenCase.namespace];
      const op = namespace?.[camelCase(goldenCase.op)];
      expect(typeof op, `${label}: Strata has no ${goldenCase.namespace}.${camelCase(goldenCase.op)}`).toBe('function');
      const before = tf.memory().numTensors;
      const args = callArguments(goldenCase);
      const inputs = collectTensors(args);
      try {
        if (goldenCase.error !== undefined) {
          expect(() => tf.dispose(collectTensors((op as (...a: unknown[]) => unknown)(...args))), `${label}: Keras raised ${goldenCase.error}`).toThrow();
          return;
        }
        const result = (op as (...a: unknown[]) => unknown)(...args);
        try {
          expectMatchesGolden(result, goldenCase.result as Encoded, label, goldenCase.rtol ?? 1e-5);
        } finally {
          tf.dispose(collectTensors(result).filter((t) => !inputs.includes(t)));
        }
      } finally {
        tf.dispose(inputs);
      }
      expect(tf.memory().numTensors, `${label}: tensors leaked`).toBe(before);
    });
  });
}
