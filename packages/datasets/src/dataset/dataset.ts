import { RandomState, randomSeed } from '../rng';
import {
  type Batched,
  type Unbatched,
  batchElements,
  cloneElement,
  disposeElement,
  tensorsOf,
  unbatchElement,
} from './structure';

export interface BatchOptions {
  /** Drop a last batch smaller than `batchSize` (Keras's `drop_remainder`). */
  dropRemainder?: boolean;
}

/**
 * A lazy, streaming sequence of elements, iterated with `for await`, like
 * `tf.data.Dataset`. Nothing is read until iteration; memory is bounded by
 * the buffers of `shuffle`, `prefetch` and `batch` (and by `cache`, which
 * keeps everything on purpose). A Dataset can be iterated again; each
 * iteration starts from the source.
 *
 * Ownership: every element an iterator yields belongs to the consumer, who
 * disposes its tensors (`tf.dispose(batch)`). Elements a transformation
 * drops (filtered, skipped, stacked into a batch, left in a buffer when
 * iteration stops early) are disposed by the Dataset. `map` disposes input
 * tensors that its function did not return. Source tensors given to
 * `fromTensorSlices` stay the caller's.
 */
export class Dataset<T> implements AsyncIterable<T> {
  constructor(private readonly makeIterator: () => AsyncIterator<T>) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.makeIterator();
  }

  /** Applies `transform` to every element; tensors of the input it does not return are disposed. */
  map<U>(transform: (element: T) => U | Promise<U>): Dataset<U> {
    const upstream = this;
    return new Dataset(async function* () {
      for await (const element of upstream) {
        let output: U;
        try {
          output = await transform(element);
        } catch (error) {
          disposeElement(element);
          throw error;
        }
        disposeElement(element, tensorsOf(output));
        yield output;
      }
    });
  }

  /** Keeps the elements for which `predicate` is true; the others are disposed. */
  filter(predicate: (element: T) => boolean | Promise<boolean>): Dataset<T> {
    const upstream = this;
    return new Dataset(async function* () {
      for await (const element of upstream) {
        let keep: boolean;
        try {
          keep = await predicate(element);
        } catch (error) {
          disposeElement(element);
          throw error;
        }
        if (keep) yield element;
        else disposeElement(element);
      }
    });
  }

  /**
   * Shuffles with a buffer, as `tf.data.Dataset.shuffle`: the buffer is filled
   * with `bufferSize` elements, a random one is yielded and replaced by the
   * next. A buffer as large as the data gives a uniform shuffle. Randomness
   * comes from `RandomState(seed)` (MT19937, see rng.ts), created once, so
   * each epoch gets a new order and the whole sequence of epochs is
   * reproducible from the seed.
   */
  shuffle(bufferSize: number, seed: number = randomSeed()): Dataset<T> {
    positiveInteger('shuffle', 'bufferSize', bufferSize);
    const upstream = this;
    const random = new RandomState(seed);
    return new Dataset(async function* () {
      const buffer: T[] = [];
      try {
        for await (const element of upstream) {
          if (buffer.length < bufferSize) {
            buffer.push(element);
            continue;
          }
          const index = random.interval(buffer.length - 1);
          const chosen = buffer[index];
          buffer[index] = element;
          yield chosen;
        }
        while (buffer.length > 0) {
          const index = random.interval(buffer.length - 1);
          const chosen = buffer[index];
          buffer[index] = buffer[buffer.length - 1];
          buffer.pop();
          yield chosen;
        }
      } finally {
        for (const element of buffer.splice(0)) disposeElement(element);
      }
    });
  }

  /** Groups `batchSize` consecutive elements, stacking each component into a tensor with a batch dimension. */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<Batched<T>> {
    positiveInteger('batch', 'batchSize', batchSize);
    const upstream = this;
    return new Dataset(async function* () {
      let pending: T[] = [];
      const stack = () => {
        const elements = pending;
        pending = [];
        try {
          return batchElements(elements) as Batched<T>;
        } finally {
          for (const element of elements) disposeElement(element);
        }
      };
      try {
        for await (const element of upstream) {
          pending.push(element);
          if (pending.length === batchSize) yield stack();
        }
        if (pending.length > 0 && !options.dropRemainder) yield stack();
      } finally {
        for (const element of pending) disposeElement(element);
      }
    });
  }

  /** Splits each batched element into its rows: the inverse of `batch`. */
  unbatch(): Dataset<Unbatched<T>> {
    const upstream = this;
    return new Dataset(async function* () {
      for await (const element of upstream) {
        let rows: unknown[];
        try {
          rows = unbatchElement(element);
        } finally {
          disposeElement(element);
        }
        let next = 0;
        try {
          for (; next < rows.length; next++) yield rows[next] as Unbatched<T>;
        } finally {
          for (let rest = next + 1; rest < rows.length; rest++) disposeElement(rows[rest]);
        }
      }
    });
  }

  /** The first `count` elements; the source is not read further. */
  take(count: number): Dataset<T> {
    nonNegativeInteger('take', 'count', count);
    const upstream = this;
    return new Dataset(async function* () {
      if (count === 0) return;
      let taken = 0;
      for await (const element of upstream) {
        yield element;
        if (++taken >= count) return;
      }
    });
  }

  /** All but the first `count` elements (which are read and disposed). */
  skip(count: number): Dataset<T> {
    nonNegativeInteger('skip', 'count', count);
    const upstream = this;
    return new Dataset(async function* () {
      let skipped = 0;
      for await (const element of upstream) {
        if (skipped < count) {
          skipped++;
          disposeElement(element);
        } else {
          yield element;
        }
      }
    });
  }

  /** Iterates the data `count` times (forever when omitted), restarting the source each time. */
  repeat(count = Number.POSITIVE_INFINITY): Dataset<T> {
    const upstream = this;
    return new Dataset(async function* () {
      for (let round = 0; round < count; round++) {
        let any = false;
        for await (const element of upstream) {
          any = true;
          yield element;
        }
        if (!any) return; // an empty source would otherwise loop forever
      }
    });
  }

  /** Reads up to `bufferSize` elements ahead while the consumer works, overlapping I/O with compute. */
  prefetch(bufferSize = 1): Dataset<T> {
    positiveInteger('prefetch', 'bufferSize', bufferSize);
    const upstream = this;
    return new Dataset(async function* () {
      const iterator = upstream[Symbol.asyncIterator]();
      // An async generator queues concurrent next() calls and settles them in order.
      const pending: Array<Promise<IteratorResult<T>>> = [];
      let finished = false;
      try {
        while (true) {
          while (!finished && pending.length < bufferSize + 1) pending.push(iterator.next());
          const result = await pending.shift()!;
          if (result.done) {
            finished = true;
            return;
          }
          yield result.value;
        }
      } finally {
        for (const result of await Promise.allSettled(pending.splice(0))) {
          if (result.status === 'fulfilled' && !result.value.done) disposeElement(result.value.value);
        }
        if (!finished) await iterator.return?.();
      }
    });
  }

  /**
   * Keeps the elements of the first complete iteration in memory and replays
   * them afterwards. Each iteration yields clones (new handles on the same
   * tensor data), so consumers may dispose what they receive; call
   * `dispose()` on the returned dataset to free the cache.
   */
  cache(): CachedDataset<T> {
    return new CachedDataset(this);
  }

  /** Reads every element into an array (for small data and tests). */
  async toArray(): Promise<T[]> {
    const elements: T[] = [];
    for await (const element of this) elements.push(element);
    return elements;
  }
}

/** A Dataset that remembers its elements; see `Dataset.cache`. */
export class CachedDataset<T> extends Dataset<T> {
  private readonly store: { elements?: T[] };

  constructor(upstream: Dataset<T>) {
    // The store is created before super() so the iterator factory can share it without `this`.
    const store: { elements?: T[] } = {};
    super(() => iterateCached(upstream, store));
    this.store = store;
  }

  /** Frees the cached tensors; the next iteration reads the source again. */
  dispose(): void {
    for (const element of this.store.elements ?? []) disposeElement(element);
    this.store.elements = undefined;
  }
}

async function* iterateCached<T>(upstream: Dataset<T>, store: { elements?: T[] }): AsyncGenerator<T> {
  if (store.elements !== undefined) {
    for (const element of store.elements) yield cloneElement(element);
    return;
  }
  const filling: T[] = [];
  let complete = false;
  try {
    for await (const element of upstream) {
      filling.push(element);
      yield cloneElement(element);
    }
    complete = true;
    store.elements = filling;
  } finally {
    // A partial first pass is not a valid cache.
    if (!complete) for (const element of filling) disposeElement(element);
  }
}

function positiveInteger(method: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Dataset.${method} expects ${name} to be a positive integer, received ${value}.`);
  }
}

function nonNegativeInteger(method: string, name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0) && value !== Number.POSITIVE_INFINITY) {
    throw new Error(`Dataset.${method} expects ${name} to be a non-negative integer, received ${value}.`);
  }
}
