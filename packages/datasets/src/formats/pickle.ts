/**
 * A small, safe unpickler: enough of Python's pickle protocols 0–5 (binary
 * opcodes) to read the files Keras downloads, that is NumPy arrays (object
 * arrays of lists in `imdb.npz`, uint8 arrays in the CIFAR-10 batches),
 * lists, tuples, dicts, ints, floats, strings and bytes. It never runs code:
 * a global is only a name, and only NumPy's array and dtype constructors and
 * `_codecs.encode` (how Python 3 writes bytes at protocol 2) are understood.
 */

/** A `module.name` reference read from a pickle (never executed). */
export interface PickleGlobal {
  kind: 'global';
  module: string;
  name: string;
}

/** A call `callable(*args)` recorded by REDUCE or NEWOBJ, with the state BUILD gave it. */
export interface PickleCall {
  kind: 'call';
  callable: PickleGlobal;
  args: unknown[];
  state?: unknown;
}

/** A NumPy array rebuilt from its pickle: `dtype` is NumPy's descr, object arrays hold their Python values. */
export interface PickledArray {
  kind: 'ndarray';
  dtype: string;
  shape: number[];
  data: Uint8Array | unknown[];
}

const MARK = Symbol('mark');

export function unpickle(bytes: Uint8Array, name = 'the pickle data'): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let offset = 0;
  const need = (count: number) => {
    if (offset + count > bytes.length) throw new Error(`${name} is truncated at byte ${offset}.`);
    const start = offset;
    offset += count;
    return start;
  };
  const readLine = () => {
    const end = bytes.indexOf(0x0a, offset);
    if (end < 0) throw new Error(`${name} is truncated at byte ${offset}.`);
    const text = latin1.decode(bytes.subarray(offset, end));
    offset = end + 1;
    return text;
  };
  const popMark = () => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) throw new Error(`${name} is malformed: an opcode needs a MARK that is not there.`);
    const items = stack.splice(index);
    items.shift();
    return items;
  };
  const top = () => stack[stack.length - 1];
  const bytesOf = (length: number) => bytes.slice(need(length), offset);
  const stringOf = (length: number) => utf8.decode(bytes.subarray(need(length), offset));
  while (offset < bytes.length) {
    const opcode = bytes[offset++];
    switch (opcode) {
      case 0x80: need(1); break; // PROTO
      case 0x95: need(8); break; // FRAME: frames are only a buffering hint
      case 0x2e: return stack.pop(); // STOP
      case 0x28: stack.push(MARK); break;
      case 0x30: stack.pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(bytes[need(1)]); break; // BININT1
      case 0x4d: stack.push(view.getUint16(need(2), true)); break; // BININT2
      case 0x8a: stack.push(readLong(bytesOf(bytes[need(1)]))); break; // LONG1
      case 0x8b: stack.push(readLong(bytesOf(view.getUint32(need(4), true)))); break; // LONG4
      case 0x49: { // INT (protocol 0), also True/False as 01/00
        const text = readLine();
        stack.push(text === '01' ? true : text === '00' ? false : Number.parseInt(text, 10));
        break;
      }
      case 0x4c: stack.push(Number.parseInt(readLine().replace(/L$/, ''), 10)); break; // LONG (text)
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break;
      case 0x89: stack.push(false); break;
      case 0x55: stack.push(bytesOf(bytes[need(1)])); break; // SHORT_BINSTRING (Python 2 str, read as bytes)
      case 0x54: stack.push(bytesOf(view.getUint32(need(4), true))); break; // BINSTRING
      case 0x43: stack.push(bytesOf(bytes[need(1)])); break; // SHORT_BINBYTES
      case 0x42: stack.push(bytesOf(view.getUint32(need(4), true))); break; // BINBYTES
      case 0x8e: case 0x96: stack.push(bytesOf(readUint64(view, need(8)))); break; // BINBYTES8, BYTEARRAY8
      case 0x8c: stack.push(stringOf(bytes[need(1)])); break; // SHORT_BINUNICODE
      case 0x58: stack.push(stringOf(view.getUint32(need(4), true))); break; // BINUNICODE
      case 0x8d: stack.push(stringOf(readUint64(view, need(8)))); break; // BINUNICODE8
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x61: { const item = stack.pop(); (top() as unknown[]).push(item); break; } // APPEND
      case 0x65: { const items = popMark(); (top() as unknown[]).push(...items); break; } // APPENDS
      case 0x29: stack.push([]); break; // EMPTY_TUPLE (tuples are arrays)
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: stack.push(stack.splice(-1)); break;
      case 0x86: stack.push(stack.splice(-2)); break;
      case 0x87: stack.push(stack.splice(-3)); break;
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: stack.push(toMap(popMark())); break; // DICT
      case 0x73: { const [key, value] = stack.splice(-2); setItem(top(), key, value); break; } // SETITEM
      case 0x75: { const items = popMark(); for (let i = 0; i < items.length; i += 2) setItem(top(), items[i], items[i + 1]); break; }
      case 0x63: { const module = readLine(); stack.push({ kind: 'global', module, name: readLine() }); break; } // GLOBAL
      case 0x93: { const [module, global] = stack.splice(-2) as string[]; stack.push({ kind: 'global', module, name: global }); break; }
      case 0x52: case 0x81: { // REDUCE, NEWOBJ
        const [callable, args] = stack.splice(-2) as [PickleGlobal, unknown[]];
        stack.push(reduce(callable, args, name));
        break;
      }
      case 0x62: { const state = stack.pop(); build(top(), state, name); break; } // BUILD
      case 0x70: memo.set(Number.parseInt(readLine(), 10), top()); break; // PUT
      case 0x71: memo.set(bytes[need(1)], top()); break; // BINPUT
      case 0x72: memo.set(view.getUint32(need(4), true), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x67: stack.push(memo.get(Number.parseInt(readLine(), 10))); break; // GET
      case 0x68: stack.push(memo.get(bytes[need(1)])); break; // BINGET
      case 0x6a: stack.push(memo.get(view.getUint32(need(4), true))); break; // LONG_BINGET
      default:
        throw new Error(`${name} uses pickle opcode 0x${opcode.toString(16)} at byte ${offset - 1}, which this reader does not support.`);
    }
  }
  throw new Error(`${name} is truncated: it ends before the pickle's STOP opcode.`);
}

function readUint64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

function readLong(data: Uint8Array): number {
  let value = 0n;
  for (let i = data.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[i]);
  if (data.length > 0 && data[data.length - 1] & 0x80) value -= 1n << BigInt(8 * data.length);
  return Number(value);
}

/** Dict keys that were Python 2 strings (bytes) become JavaScript strings, so `batch.get('data')` works. */
function keyOf(key: unknown): unknown {
  return key instanceof Uint8Array ? new TextDecoder('latin1').decode(key) : key;
}

function setItem(target: unknown, key: unknown, value: unknown): void {
  (target as Map<unknown, unknown>).set(keyOf(key), value);
}

function toMap(items: unknown[]): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  for (let i = 0; i < items.length; i += 2) map.set(keyOf(items[i]), items[i + 1]);
  return map;
}

function reduce(callable: PickleGlobal, args: unknown[], name: string): unknown {
  const where = `${callable.module}.${callable.name}`;
  if (where === '_codecs.encode') {
    // Python 3 writes bytes at protocol 2 as _codecs.encode(text, 'latin1').
    const text = args[0] as string;
    return Uint8Array.from(text, (character) => character.charCodeAt(0));
  }
  if (/^numpy(\._core|\.core)?\.(numeric\.)?_frombuffer$/.test(where)) {
    const [buffer, dtype, shape] = args as [Uint8Array, PickleCall, number[]];
    return { kind: 'ndarray', dtype: dtypeDescr(dtype), shape, data: buffer } satisfies PickledArray;
  }
  if (!/^numpy(\._core|\.core)?(\.multiarray)?\.(_reconstruct|dtype|scalar)$/.test(where) && where !== 'numpy.dtype') {
    throw new Error(`${name} refers to ${where}, which this reader does not construct (only NumPy arrays and plain values).`);
  }
  return { kind: 'call', callable, args } satisfies PickleCall;
}

function build(target: unknown, state: unknown, name: string): void {
  const call = target as PickleCall;
  if (call?.kind !== 'call') throw new Error(`${name} is malformed: BUILD applies to a value that is not an object.`);
  call.state = state;
  if (call.callable.name !== '_reconstruct') return;
  // ndarray.__setstate__((version, shape, dtype, is_fortran, data)); older pickles omit the version.
  const fields = state as unknown[];
  const [shape, dtype, fortran, data] = fields.length === 5 ? fields.slice(1) : fields;
  if (fortran) throw new Error(`${name} holds a Fortran-ordered array, which is not supported.`);
  const array = call as unknown as PickledArray;
  Object.assign(array, { kind: 'ndarray', dtype: dtypeDescr(dtype as PickleCall), shape: shape as number[], data });
}

function dtypeDescr(dtype: PickleCall): string {
  const code = String(dtype.args[0] instanceof Uint8Array ? new TextDecoder('latin1').decode(dtype.args[0]) : dtype.args[0]);
  const order = (dtype.state as unknown[] | undefined)?.[1];
  const byteOrder = typeof order === 'string' ? order : order instanceof Uint8Array ? String.fromCharCode(order[0]) : '|';
  return code === 'O8' || code === 'O4' ? 'O' : `${byteOrder}${code}`;
}

/** Narrows an unpickled value to a NumPy array, with an error that names what was found instead. */
export function asPickledArray(value: unknown, name: string): PickledArray {
  if ((value as PickledArray)?.kind !== 'ndarray') throw new Error(`${name} does not hold a NumPy array.`);
  return value as PickledArray;
}
