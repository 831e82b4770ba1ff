import table from './op-signatures.json';

/** A parameter as the table writes it: its name when required, `[name, default]` otherwise; `*name` spreads. */
type Param = string | [string, unknown];

/**
 * How Keras records one `keras.ops` function in a functional graph, generated from Keras's source by
 * scripts/symbolic/op_signatures.py: the function's parameters in order, the Operation class it builds, which
 * parameters its constructor takes (saved in the node's `config`) and which its call takes (`args`, `kwargs`).
 */
export interface OpSignature {
  /** The key, `numpy.sum`: module and snake_case function name. */
  key: string;
  module: string;
  params: Param[];
  class: string | null;
  aliasOf?: string;
  why?: string;
  init?: Param[];
  /** Constructor parameter to the function parameter it is given. */
  initFrom?: Record<string, string | null>;
  callArgs?: Array<string | null>;
  callKwargs?: Record<string, string | null>;
  problems?: string[];
}

const ops = (table as unknown as { ops: Record<string, Omit<OpSignature, 'key'>> }).ops;

/** Keras's version the table was read from. */
export const SIGNATURES_KERAS_VERSION: string = (table as unknown as { keras_version: string }).keras_version;

/**
 * The signature of the op `name` (snake_case) of `module`, or undefined when Keras has no such function. Function
 * names are unique across Keras's op modules, so an op declared with another module is still found by its name.
 */
export function signatureOf(module: string, name: string): OpSignature | undefined {
  const key = `${module}.${name}`;
  if (Object.hasOwn(ops, key)) return { key, ...ops[key] };
  const other = Object.keys(ops).find((candidate) => candidate.slice(candidate.indexOf('.') + 1) === name);
  return other === undefined ? undefined : { key: other, ...ops[other] };
}

let byClass: Map<string, OpSignature[]> | null = null;

/**
 * The signatures whose Operation class is `module.className` (`numpy.Absolute` is built by `absolute` and by its
 * alias `abs`), the function itself first. With module null (legacy `.h5` configs name no module), the class is
 * looked up in every module: Keras's op class names are unique across them.
 */
export function signaturesOfClass(module: string | null, className: string): OpSignature[] {
  if (byClass === null) {
    byClass = new Map();
    for (const [key, entry] of Object.entries(ops)) {
      if (entry.class === null) continue;
      const id = `${entry.module}.${entry.class}`;
      const list = byClass.get(id) ?? [];
      list.push({ key, ...entry });
      byClass.set(id, list);
    }
    for (const [id, list] of [...byClass]) {
      list.sort((a, b) => Number(a.aliasOf !== undefined) - Number(b.aliasOf !== undefined));
      byClass.set(`*.${id.slice(id.indexOf('.') + 1)}`, list);
    }
  }
  return byClass.get(`${module ?? '*'}.${className}`) ?? [];
}

export function paramName(param: Param): string {
  return typeof param === 'string' ? param : param[0];
}

export function isRequired(param: Param): boolean {
  return typeof param === 'string' && !param.startsWith('*');
}

/** The function name of a signature: `sum` for `numpy.sum`. */
export function functionName(signature: OpSignature): string {
  return signature.key.slice(signature.key.indexOf('.') + 1);
}
