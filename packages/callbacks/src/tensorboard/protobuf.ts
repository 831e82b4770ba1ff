/**
 * The few protobuf wire-format pieces that TensorBoard's event files need:
 * varints, length-delimited fields, 64-bit doubles and 32-bit floats, all
 * little-endian as the wire format says. Fields are written in the order
 * given; a reader accepts any order.
 */
export class ProtoWriter {
  private readonly bytes: number[] = [];

  private varint(value: number): void {
    // Integers up to 2^53 (steps, lengths); negative values are not needed here.
    let remaining = value;
    while (remaining >= 0x80) {
      this.bytes.push((remaining % 0x80) | 0x80);
      remaining = Math.floor(remaining / 0x80);
    }
    this.bytes.push(remaining);
  }

  private key(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  uint(field: number, value: number): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  double(field: number, value: number): this {
    this.key(field, 1);
    this.raw(littleEndian(8, (view) => view.setFloat64(0, value, true)));
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    this.raw(littleEndian(4, (view) => view.setFloat32(0, value, true)));
    return this;
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.finish());
  }

  /** A packed repeated double field (proto3's default for scalars). */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    const packed = new Uint8Array(values.length * 8);
    const view = new DataView(packed.buffer);
    for (let index = 0; index < values.length; index++) view.setFloat64(index * 8, values[index], true);
    return this.bytesField(field, packed);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private raw(values: Uint8Array): void {
    for (let index = 0; index < values.length; index++) this.bytes.push(values[index]);
  }
}

function littleEndian(size: number, write: (view: DataView) => void): Uint8Array {
  const buffer = new Uint8Array(size);
  write(new DataView(buffer.buffer));
  return buffer;
}
