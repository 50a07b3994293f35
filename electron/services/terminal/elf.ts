import { open } from 'node:fs/promises';

/** What Bosun needs to know about an executable before it copies it into an image without a libc. */
export interface ElfInfo {
  readonly bits: 32 | 64;
  readonly littleEndian: boolean;
  /** e_machine: 62 x86-64, 183 AArch64, … */
  readonly machine: number;
  /**
   * No PT_INTERP program header: the kernel runs it without a dynamic loader, so it starts in a
   * `FROM scratch` image (a static-pie binary has PT_DYNAMIC but no PT_INTERP, and is static too).
   */
  readonly isStatic: boolean;
}

const PT_INTERP = 3;
const ET_EXEC = 2;
const ET_DYN = 3;
/** Enough for the 64-bit ELF header. */
const HEADER_BYTES = 64;
/** Program header tables are small (a dozen entries); more means a corrupt or hostile file. */
const MAX_PROGRAM_HEADERS = 512;

/** Where the program header table lies, from the ELF header alone. */
export function programHeaderTable(header: Uint8Array): { offset: number; entrySize: number; count: number } {
  if (
    header.length < 52 ||
    header[0] !== 0x7f ||
    header[1] !== 0x45 ||
    header[2] !== 0x4c ||
    header[3] !== 0x46
  )
    throw new Error('not an ELF executable');
  const bits = header[4];
  const data = header[5];
  if ((bits !== 1 && bits !== 2) || (data !== 1 && data !== 2))
    throw new Error('an ELF file of unknown class');
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const le = data === 1;
  const type = view.getUint16(16, le);
  if (type !== ET_EXEC && type !== ET_DYN) throw new Error('an ELF file that is not an executable');
  if (bits === 2 && header.length < HEADER_BYTES) throw new Error('a truncated ELF header');
  const offset = bits === 1 ? view.getUint32(28, le) : Number(view.getBigUint64(32, le));
  const entrySize = view.getUint16(bits === 1 ? 42 : 54, le);
  const count = view.getUint16(bits === 1 ? 44 : 56, le);
  if (count > MAX_PROGRAM_HEADERS || entrySize < 4 || !Number.isSafeInteger(offset))
    throw new Error('an ELF file with a corrupt program header table');
  return { offset, entrySize, count };
}

/**
 * Reads an ELF executable's class, byte order, machine and whether it is statically linked, from
 * the ELF header and the program header table (`table`: the bytes at programHeaderTable().offset).
 * Throws an Error saying what is wrong when the bytes are not an ELF executable.
 */
export function parseElf(header: Uint8Array, table: Uint8Array): ElfInfo {
  const { entrySize, count } = programHeaderTable(header);
  const le = header[5] === 1;
  if (table.length < entrySize * count) throw new Error('a truncated ELF program header table');
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let interp = false;
  for (let i = 0; i < count; i++) if (view.getUint32(i * entrySize, le) === PT_INTERP) interp = true;
  const headerView = new DataView(header.buffer, header.byteOffset, header.byteLength);
  return {
    bits: header[4] === 1 ? 32 : 64,
    littleEndian: le,
    machine: headerView.getUint16(18, le),
    isStatic: !interp,
  };
}

/** Reads just the ELF header and program header table of the file at `path` (no ldd, nothing run). */
export async function readElf(path: string): Promise<ElfInfo> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(header, 0, HEADER_BYTES, 0);
    const at = programHeaderTable(header.subarray(0, bytesRead));
    const table = Buffer.alloc(at.entrySize * at.count);
    const read = await file.read(table, 0, table.length, at.offset);
    return parseElf(header.subarray(0, bytesRead), table.subarray(0, read.bytesRead));
  } finally {
    await file.close();
  }
}

/**
 * The engine architecture (Go's GOARCH, as GET /version reports it) that runs this binary, or
 * undefined for a machine Bosun does not know.
 */
export function dockerArchOf(elf: ElfInfo): string | undefined {
  switch (elf.machine) {
    case 3:
      return '386';
    case 40:
      return 'arm';
    case 62:
      return 'amd64';
    case 183:
      return 'arm64';
    case 21:
      return elf.littleEndian ? 'ppc64le' : 'ppc64';
    case 22:
      return elf.bits === 64 ? 's390x' : undefined;
    case 243:
      return elf.bits === 64 ? 'riscv64' : undefined;
    default:
      return undefined;
  }
}
