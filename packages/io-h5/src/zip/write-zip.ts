import { type Zippable, zipSync } from 'fflate';

export interface ZipInput {
  name: string;
  bytes: Uint8Array;
  /** Modification time; Python's `zipfile.writestr` leaves 1980-01-01 for the JSON members Keras writes. */
  modified?: Date;
}

const UNIX = 3;
/** `-rw-------` in the high 16 bits of the external attributes, as Python's zipfile writes them. */
const OWNER_READ_WRITE = 0o600 << 16;
const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/** Writes members uncompressed ("stored"), in the given order, as Keras's saving_lib does. */
export function writeZip(members: ZipInput[]): Uint8Array {
  const zippable: Zippable = {};
  for (const member of members) {
    zippable[member.name] = [member.bytes, { level: 0, mtime: member.modified ?? DOS_EPOCH, os: UNIX, attrs: OWNER_READ_WRITE }];
  }
  return zipSync(zippable);
}
