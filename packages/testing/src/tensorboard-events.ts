/**
 * An independent reader of TensorBoard event files, written from the
 * published specs and sharing no code with Strata's writer: TFRecord framing
 * (uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the
 * data), a bit-by-bit CRC-32C, and the Event / Summary / HistogramProto /
 * TensorProto / SummaryMetadata protobufs decoded from their field numbers
 * (tensorboard/compat/proto: event.proto, summary.proto, histogram.proto,
 * tensor.proto). Tests open the files Strata writes with it, as TensorBoard would.
 */

/** Bit-by-bit CRC-32C (Castagnoli, reflected polynomial 0x82f63b78). */
export function referenceCrc32c(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? ((crc >>> 1) ^ 0x82f63b78) >>> 0 : crc >>> 1;
  }
  return ~crc >>> 0;
}

/** TFRecord's mask undone: rotate right by 15 after subtracting the constant. */
function unmask(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

type Field = { wireType: number; value: number | bigint | Uint8Array };

/** Decodes one protobuf message into field number → occurrences. */
export function decodeProtobuf(bytes: Uint8Array): Map<number, Field[]> {
  const fields = new Map<number, Field[]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (position >= bytes.length) throw new Error('Truncated varint in a protobuf message.');
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
    } else throw new Error(`Unexpected protobuf wire type ${wireType} for field ${field}.`);
    if (position > bytes.length) throw new Error(`Field ${field} runs past the end of its message.`);
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field)!.push({ wireType, value });
  }
  return fields;
}

const first = (fields: Map<number, Field[]>, field: number) => fields.get(field)?.[0]?.value;
const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

function unpackDoubles(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, index) => view.getFloat64(index * 8, true));
}

/** One summary value of an event, with the event's step and wall time. */
export interface SummaryValue {
  step: number;
  wallTime: number;
  tag: string;
  simpleValue?: number;
  histogram?: { min: number; max: number; num: number; sum: number; sumSquares: number; bucketLimit: number[]; bucket: number[] };
  /** SummaryMetadata.plugin_data.plugin_name and its content. */
  plugin?: string;
  pluginContent?: string;
  /** A string tensor's DataType (7 = DT_STRING) and first value. */
  dtype?: number;
  stringValue?: string;
}

/** Reads every record of an event file, checking both CRCs of each; throws on a damaged record. */
export function readEventFile(bytes: Uint8Array): { fileVersion: string; values: SummaryValue[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 0;
  let fileVersion = '';
  const values: SummaryValue[] = [];
  while (position < bytes.length) {
    if (position + 12 > bytes.length) throw new Error(`Truncated record header at byte ${position}.`);
    const length = Number(view.getBigUint64(position, true));
    if (unmask(view.getUint32(position + 8, true)) !== referenceCrc32c(bytes.subarray(position, position + 8))) {
      throw new Error(`The length CRC of the record at byte ${position} does not match.`);
    }
    if (position + 16 + length > bytes.length) throw new Error(`The record at byte ${position} runs past the end of the file.`);
    const data = bytes.subarray(position + 12, position + 12 + length);
    if (unmask(view.getUint32(position + 12 + length, true)) !== referenceCrc32c(data)) {
      throw new Error(`The data CRC of the record at byte ${position} does not match.`);
    }
    position += 16 + length;
    const event = decodeProtobuf(data);
    const wallTime = first(event, 1) as number;
    const step = Number(first(event, 2) ?? 0n);
    if (event.has(3)) fileVersion = text(first(event, 3));
    for (const summary of event.get(5) ?? []) {
      for (const entry of decodeProtobuf(summary.value as Uint8Array).get(1) ?? []) {
        values.push(decodeValue(decodeProtobuf(entry.value as Uint8Array), step, wallTime));
      }
    }
  }
  return { fileVersion, values };
}

function decodeValue(value: Map<number, Field[]>, step: number, wallTime: number): SummaryValue {
  const decoded: SummaryValue = { step, wallTime, tag: text(first(value, 1)) };
  if (value.has(2)) decoded.simpleValue = first(value, 2) as number;
  if (value.has(5)) {
    const histo = decodeProtobuf(first(value, 5) as Uint8Array);
    decoded.histogram = {
      min: first(histo, 1) as number,
      max: first(histo, 2) as number,
      num: first(histo, 3) as number,
      sum: first(histo, 4) as number,
      sumSquares: first(histo, 5) as number,
      bucketLimit: unpackDoubles(first(histo, 6) as Uint8Array),
      bucket: unpackDoubles(first(histo, 7) as Uint8Array),
    };
  }
  if (value.has(9)) {
    const pluginData = decodeProtobuf(first(decodeProtobuf(first(value, 9) as Uint8Array), 1) as Uint8Array);
    decoded.plugin = text(first(pluginData, 1));
    if (pluginData.has(2)) decoded.pluginContent = text(first(pluginData, 2));
  }
  if (value.has(8)) {
    const tensor = decodeProtobuf(first(value, 8) as Uint8Array);
    decoded.dtype = Number(first(tensor, 1));
    decoded.stringValue = text(first(tensor, 8));
  }
  return decoded;
}

/** The `[step, value]` pairs of one scalar tag, in file order. */
export function scalarSeries(values: readonly SummaryValue[], tag: string): [number, number | undefined][] {
  return values.filter((value) => value.tag === tag).map((value) => [value.step, value.simpleValue]);
}
