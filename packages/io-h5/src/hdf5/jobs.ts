import { readLegacyH5InThread } from '../legacy-h5';
import { detectHdf5KindInThread, readHdf5KerasFileInThread } from '../read-any';
import type { ReadLimits } from '../types';
import { readWeightsH5InThread } from '../weights-store';

/**
 * A read handed to the HDF5 worker (isolate.ts): plain data in, plain data
 * out (Maps, arrays, typed arrays; no h5wasm objects), so it crosses threads
 * by structured clone.
 */
export interface Hdf5Job {
  /** What to read. legacy: readLegacyH5; weights: readWeightsH5; detect: the kind of an HDF5 Keras file; any: detect, then read that kind. */
  task: 'legacy' | 'weights' | 'detect' | 'any';
  bytes: Uint8Array;
  /** How errors name the file. */
  description: string;
  /** any: the caller's name for the file, when it gave one (else each kind's reader names it). */
  callerDescription?: string;
  limits: ReadLimits;
  /** weights: the size of the file the bytes came from (the `.keras` archive), for the read budget. */
  sourceBytes?: number;
  /** weights, any: the `vars` groups of a Keras 3 weights store to read (readWeightsH5's `only`). */
  only?: string[];
}

export type Hdf5JobReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string } };

/** Runs a job in this thread; the HDF5 worker calls it for every job it is sent. */
export function runHdf5Job(job: Hdf5Job): Promise<unknown> {
  switch (job.task) {
    case 'legacy':
      return readLegacyH5InThread(job.bytes, job.description, job.limits);
    case 'weights':
      return readWeightsH5InThread(job.bytes, job.description, job.limits, job.sourceBytes, job.only);
    case 'detect':
      return detectHdf5KindInThread(job.bytes, job.description, job.limits);
    case 'any':
      return readHdf5KerasFileInThread(job.bytes, job.callerDescription, job.limits, job.only);
  }
}

/** The distinct buffers under a result's typed arrays, to transfer back instead of copying. */
export function buffersOf(value: unknown, found = new Set<ArrayBuffer>(), depth = 0): Set<ArrayBuffer> {
  if (depth > 16 || value === null || typeof value !== 'object') return found;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value instanceof Map) {
    for (const item of value.values()) buffersOf(item, found, depth + 1);
  } else {
    for (const item of Object.values(value)) buffersOf(item, found, depth + 1);
  }
  return found;
}
