import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerArchOf, parseElf, programHeaderTable, readElf } from './elf';

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_NOTE = 4;

/** A minimal ELF executable: header, program header table right after it, nothing else. */
function fakeElf(options: {
  bits?: 32 | 64;
  littleEndian?: boolean;
  machine?: number;
  type?: number;
  programs?: readonly number[];
}): Buffer {
  const { bits = 64, littleEndian: le = true, machine = 62, type = 2, programs = [PT_LOAD] } = options;
  const headerSize = bits === 64 ? 64 : 52;
  const entrySize = bits === 64 ? 56 : 32;
  const bytes = Buffer.alloc(headerSize + entrySize * programs.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, le ? 1 : 2, 1], 0);
  view.setUint16(16, type, le);
  view.setUint16(18, machine, le);
  if (bits === 64) {
    view.setBigUint64(32, BigInt(headerSize), le);
    view.setUint16(54, entrySize, le);
    view.setUint16(56, programs.length, le);
  } else {
    view.setUint32(28, headerSize, le);
    view.setUint16(42, entrySize, le);
    view.setUint16(44, programs.length, le);
  }
  programs.forEach((p, i) => view.setUint32(headerSize + i * entrySize, p, le));
  return bytes;
}

function parse(bytes: Buffer): ReturnType<typeof parseElf> {
  const { offset } = programHeaderTable(bytes);
  return parseElf(bytes, bytes.subarray(offset));
}

describe('parseElf', () => {
  it('calls an executable without PT_INTERP static, with one dynamic', () => {
    expect(parse(fakeElf({ programs: [PT_LOAD, PT_NOTE] }))).toEqual({
      bits: 64,
      littleEndian: true,
      machine: 62,
      isStatic: true,
    });
    expect(parse(fakeElf({ programs: [PT_LOAD, PT_INTERP, PT_DYNAMIC] })).isStatic).toBe(false);
  });

  it('counts a static-pie (ET_DYN, PT_DYNAMIC, no PT_INTERP) as static', () => {
    expect(parse(fakeElf({ type: 3, programs: [PT_LOAD, PT_DYNAMIC] })).isStatic).toBe(true);
  });

  it('reads 32-bit and big-endian headers', () => {
    expect(parse(fakeElf({ bits: 32, machine: 40, programs: [PT_INTERP] }))).toEqual({
      bits: 32,
      littleEndian: true,
      machine: 40,
      isStatic: false,
    });
    expect(parse(fakeElf({ littleEndian: false, machine: 22 }))).toMatchObject({
      littleEndian: false,
      machine: 22,
    });
  });

  it('refuses what is not an ELF executable', () => {
    expect(() => parse(Buffer.from('#!/bin/sh\necho hi\n'.padEnd(64, ' ')))).toThrow(/not an ELF/);
    expect(() => parse(fakeElf({ type: 1 }))).toThrow(/not an executable/);
    expect(() => parse(fakeElf({}).subarray(0, 40))).toThrow(/not an ELF/);
    const bytes = fakeElf({ programs: [PT_LOAD, PT_INTERP] });
    expect(() => parseElf(bytes, bytes.subarray(64, 64 + 56))).toThrow(/truncated/);
  });
});

describe('dockerArchOf', () => {
  it('names machines the way GET /version reports Arch', () => {
    const arch = (
      machine: number,
      more: { bits?: 32 | 64; littleEndian?: boolean } = {},
    ): string | undefined => dockerArchOf({ bits: 64, littleEndian: true, machine, isStatic: true, ...more });
    expect(arch(62)).toBe('amd64');
    expect(arch(183)).toBe('arm64');
    expect(arch(40, { bits: 32 })).toBe('arm');
    expect(arch(3, { bits: 32 })).toBe('386');
    expect(arch(21)).toBe('ppc64le');
    expect(arch(21, { littleEndian: false })).toBe('ppc64');
    expect(arch(22, { littleEndian: false })).toBe('s390x');
    expect(arch(243)).toBe('riscv64');
    expect(arch(9999)).toBeUndefined();
  });
});

describe('readElf', () => {
  const dir = mkdtemp(join(tmpdir(), 'bosun-elf-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('reads only the header and the program headers of a file', async () => {
    const path = join(await dir, 'busybox');
    // Program headers placed after a gap, as in real binaries that put them elsewhere.
    const elf = fakeElf({ machine: 183, programs: [PT_LOAD, PT_INTERP] });
    const moved = Buffer.concat([elf.subarray(0, 64), Buffer.alloc(1000), elf.subarray(64)]);
    new DataView(moved.buffer, moved.byteOffset).setBigUint64(32, 1064n, true);
    await writeFile(path, moved);
    expect(await readElf(path)).toEqual({ bits: 64, littleEndian: true, machine: 183, isStatic: false });
  });

  it('rejects a missing file with ENOENT and a text file as not ELF', async () => {
    await expect(readElf(join(await dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    const script = join(await dir, 'script');
    await writeFile(script, '#!/bin/sh\n');
    await expect(readElf(script)).rejects.toThrow(/not an ELF/);
  });
});
