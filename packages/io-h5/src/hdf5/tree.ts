import type { ReadLimits, WeightArray, WeightData, WeightDtype } from '../types';
import { DatasetBudget } from '../budget';
import { KerasFileError, KerasFileExternalError } from '../types';
import { arrayClassOf, bytesPerElement, shapeSize, validateWeightArray, weightDtypeOfHdf5 } from '../weight-array';
import { EXTERNAL_STORAGE_DIAGNOSTIC, type Hdf5Dataset, type Hdf5File, type Hdf5Group, type Hdf5Library, takeDiagnostics } from './runtime';

/**
 * Careful reading of an open HDF5 file. Every step assumes the file may be
 * hostile (Keras's CVE-2026-0897, -1669, -12480): links that leave the file
 * are refused, datasets may not declare more data than the file can hold,
 * and walks are bounded by an object count.
 */
export class Hdf5Reader {
  private remainingObjects: number;
  private readonly budget: DatasetBudget;
  private readonly namesByPath = new Map<string, string[]>();

  /** `sourceLength`: the size of the file the bytes came from (a `.keras` archive for its weights); default `fileLength`. */
  constructor(
    readonly library: Hdf5Library,
    readonly file: Hdf5File,
    fileLength: number,
    readonly description: string,
    limits: ReadLimits,
    sourceLength = fileLength,
  ) {
    this.remainingObjects = limits.maxObjects;
    this.budget = new DatasetBudget(fileLength, sourceLength, limits, description);
  }

  fail(message: string): never {
    throw new KerasFileError(`${this.description}: ${message}`);
  }

  /** Runs one h5wasm call and fails if HDF5 reported an error during it, even one h5wasm ignored. */
  private checked<T>(what: string, call: () => T): T {
    takeDiagnostics();
    const result = call();
    const reported = takeDiagnostics();
    if (reported === EXTERNAL_STORAGE_DIAGNOSTIC) {
      throw new KerasFileExternalError(
        `${this.description}: HDF5 failed while ${what}: the data is kept outside the file, in external raw storage (an external file list); data that lives in other files is refused.`,
      );
    }
    if (reported !== '') this.fail(`HDF5 failed while ${what} (${reported}); the file is corrupt.`);
    return result;
  }

  /** Names of a group's members, in HDF5's order (alphabetical for files h5py writes). */
  childNames(group: Hdf5Group): string[] {
    const known = this.namesByPath.get(group.path);
    if (known !== undefined) return known;
    const names = this.checked(`listing ${group.path}`, () => group.keys());
    this.remainingObjects -= names.length;
    if (this.remainingObjects < 0) this.fail('it holds more objects than the configured limit (maxObjects).');
    this.namesByPath.set(group.path, names);
    return names;
  }

  /**
   * The member `name` of `group`, or null when absent. Only names listed by
   * the group are looked up, because h5wasm resolves some invalid paths to
   * bogus objects.
   */
  child(group: Hdf5Group, name: string): Hdf5Group | Hdf5Dataset | null {
    if (!this.childNames(group).includes(name)) return null;
    const path = group.path === '/' ? `/${name}` : `${group.path}/${name}`;
    if (group.get_link(path) !== null) this.fail(`${path} is a soft link; links are refused because they can point anywhere.`);
    const member = this.checked(`opening ${path}`, () => group.get(name));
    if (member instanceof this.library.Group || member instanceof this.library.Dataset) return member;
    const kind = (member as { type?: string } | null)?.type ?? 'unknown object';
    if (kind === 'ExternalLink') {
      const { filename, obj_path: target } = member as unknown as { filename?: string; obj_path?: string };
      throw new KerasFileExternalError(
        `${this.description}: ${path} is an external link (ExternalLink) to ${JSON.stringify(target)} in the file ${JSON.stringify(filename)}; links that leave the file are refused.`,
      );
    }
    return this.fail(`${path} is an object of type ${kind}; only groups and datasets are allowed.`);
  }

  group(parent: Hdf5Group, name: string): Hdf5Group | null {
    const member = this.child(parent, name);
    if (member === null || member instanceof this.library.Group) return member;
    return this.fail(`${member.path} is a dataset where a group was expected.`);
  }

  /** Follows a relative path of groups and ends at a dataset; null when any step is missing. */
  datasetAt(parent: Hdf5Group, relativePath: string): Hdf5Dataset | null {
    const parts = relativePath.split('/').filter((part) => part !== '');
    if (parts.length === 0) return null;
    let current: Hdf5Group = parent;
    for (const part of parts.slice(0, -1)) {
      const next = this.group(current, part);
      if (next === null) return null;
      current = next;
    }
    const member = this.child(current, parts[parts.length - 1]);
    if (member === null) return null;
    if (member instanceof this.library.Group) this.fail(`${member.path} is a group where a dataset was expected.`);
    return member as Hdf5Dataset;
  }

  hasAttribute(object: Hdf5Group | Hdf5Dataset, name: string): boolean {
    return Object.hasOwn(object.attrs, name);
  }

  /** A string attribute, or null when absent; anything but a single string is refused. */
  stringAttribute(object: Hdf5Group | Hdf5Dataset, name: string): string | null {
    if (!this.hasAttribute(object, name)) return null;
    const value = decodeStrings(this.checked(`reading attribute ${name} of ${object.path}`, () => object.attrs[name].value));
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return this.fail(`attribute ${name} of ${object.path} should be a string, received ${describeValue(value)}.`);
  }

  /**
   * A list-of-strings attribute such as `layer_names` or `weight_names`.
   * Keras splits lists longer than HDF5's 64 KiB header limit into `name0`,
   * `name1`, ... (legacy_h5_format.load_attributes_from_hdf5_group). h5py
   * stores an empty list as an empty float64 array. Null when absent.
   */
  stringListAttribute(object: Hdf5Group | Hdf5Dataset, name: string): string[] | null {
    if (this.hasAttribute(object, name)) return this.stringList(object, name);
    if (!this.hasAttribute(object, `${name}0`)) return null;
    const values: string[] = [];
    for (let chunk = 0; this.hasAttribute(object, `${name}${chunk}`); chunk++) values.push(...this.stringList(object, `${name}${chunk}`));
    return values;
  }

  private stringList(object: Hdf5Group | Hdf5Dataset, name: string): string[] {
    const value = decodeStrings(this.checked(`reading attribute ${name} of ${object.path}`, () => object.attrs[name].value));
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    if (ArrayBuffer.isView(value) && (value as unknown as ArrayLike<unknown>).length === 0) return [];
    return this.fail(`attribute ${name} of ${object.path} should be a list of strings, received ${describeValue(value)}.`);
  }

  /** Reads a dataset into a WeightArray after checking its dtype, layout and size. */
  weightArray(dataset: Hdf5Dataset): WeightArray {
    const where = `${this.description}: dataset ${dataset.path}`;
    const metadata = dataset.metadata as { shape: number[] | null; total_size: number; virtual_sources?: unknown };
    if (metadata.virtual_sources !== undefined) {
      const sources = (metadata.virtual_sources as Array<{ file_name: string; dset_name: string }>).slice(0, 3).map((source) => `${source.file_name}:${source.dset_name}`);
      throw new KerasFileExternalError(`${this.description}: dataset ${dataset.path} is a virtual dataset (reading ${JSON.stringify(sources)}); data that lives in other files is refused.`);
    }
    if (this.hasAttribute(dataset, 'dtype')) {
      this.fail(`dataset ${dataset.path} is stored as ${describeValue(dataset.attrs.dtype.value)} (marked by its dtype attribute), which is not supported.`);
    }
    const dtype = weightDtypeOfHdf5(dataset.dtype);
    if (dtype === null) this.fail(`dataset ${dataset.path} has HDF5 type ${JSON.stringify(dataset.dtype)}, which is not a supported numeric type.`);
    const shape = metadata.shape;
    if (!Array.isArray(shape)) this.fail(`dataset ${dataset.path} has no simple shape.`);
    const elements = shapeSize(shape);
    if (!Number.isSafeInteger(elements) || elements !== metadata.total_size) this.fail(`dataset ${dataset.path} declares shape [${shape.join(', ')}] and ${metadata.total_size} elements.`);
    this.budget.reserve(dataset.path, elements * bytesPerElement(dtype), this.checkFilters(dataset));
    const data = toTypedArray(
      this.checked(`reading dataset ${dataset.path}`, () => dataset.value),
      dtype,
      where,
    );
    return validateWeightArray({ shape: [...shape], dtype, data }, where);
  }

  /** Whether the dataset is compressed (deflate, shuffle, fletcher32: built into HDF5); any other filter needs a plugin we do not load. */
  private checkFilters(dataset: Hdf5Dataset): boolean {
    const filters = (dataset.filters ?? []) as Array<{ id: number; name: string }>;
    for (const filter of filters) {
      if (![1, 2, 3].includes(filter.id)) this.fail(`dataset ${dataset.path} uses the HDF5 filter ${filter.name} (${filter.id}), which is not supported.`);
    }
    return filters.length > 0;
  }
}

/** Strings arrive from h5wasm as strings, or as byte arrays for some fixed-length kinds. */
function decodeStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item instanceof Uint8Array ? new TextDecoder().decode(item) : item));
  return value;
}

function describeValue(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  if (Array.isArray(value)) return `a list of ${value.length} ${[...new Set(value.map((item) => typeof item))].join('/') || 'items'}`;
  return `${typeof value} ${JSON.stringify(typeof value === 'bigint' ? String(value) : value)?.slice(0, 80)}`;
}

/** h5wasm returns scalars as plain numbers or bigints; wrap them so every weight has a typed array. */
function toTypedArray(value: unknown, dtype: WeightDtype, where: string): WeightData {
  const arrayClass = arrayClassOf(dtype);
  if (value instanceof arrayClass) return value as WeightData;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const array = new arrayClass(1) as WeightData;
    (array as unknown as Array<number | bigint>)[0] = value;
    return array;
  }
  throw new KerasFileError(`${where}: HDF5 returned ${describeValue(value)} for a ${dtype} dataset.`);
}
