import type { FileType } from '../../shared/contract';

/** The letter `ls -l` starts a mode with, for each kind of file. */
export type TypeLetter = '-' | 'd' | 'l' | 'c' | 'b' | 'p' | 's';

const SETUID = 0o4000;
const SETGID = 0o2000;
const STICKY = 0o1000;

/** Go's os.FileMode type bits, as the archive API's stat header carries them. */
const GO_MODE_BITS: readonly [bit: number, letter: TypeLetter][] = [
  [31, 'd'],
  [27, 'l'],
  [25, 'p'],
  [24, 's'],
  [21, 'c'],
  [26, 'b'], // ModeDevice without ModeCharDevice: a block device
];
const GO_SETUID_BIT = 23;
const GO_SETGID_BIT = 22;
const GO_STICKY_BIT = 20;

const hasBit = (mode: number, bit: number): boolean => Math.floor(mode / 2 ** bit) % 2 === 1;

function triple(bits: number, special: boolean, on: string, off: string): string {
  const x = bits & 1 ? on : off;
  return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? x : bits & 1 ? 'x' : '-'}`;
}

/** "drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt" from a type letter and unix permission bits (with setuid, setgid, sticky). */
export function modeString(letter: TypeLetter, unixMode: number): string {
  const mode = unixMode & 0o7777;
  return (
    letter +
    triple((mode >> 6) & 7, (mode & SETUID) !== 0, 's', 'S') +
    triple((mode >> 3) & 7, (mode & SETGID) !== 0, 's', 'S') +
    triple(mode & 7, (mode & STICKY) !== 0, 't', 'T')
  );
}

export function typeOfLetter(letter: TypeLetter): FileType {
  if (letter === '-') return 'file';
  if (letter === 'd') return 'dir';
  if (letter === 'l') return 'symlink';
  return 'other';
}

/** The type letter of a tar entry (tar-stream's header.type); undefined for entries that are no file (pax headers). */
export function tarTypeLetter(type: string | null | undefined): TypeLetter | undefined {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case 'link':
    case undefined:
    case null:
      return '-';
    case 'directory':
      return 'd';
    case 'symlink':
      return 'l';
    case 'character-device':
      return 'c';
    case 'block-device':
      return 'b';
    case 'fifo':
      return 'p';
    default:
      return undefined;
  }
}

/** Type and `ls -l` mode of a Go os.FileMode (the archive API's stat header). */
export function fromGoMode(goMode: number): { type: FileType; mode: string } {
  let letter: TypeLetter = '-';
  for (const [bit, candidate] of GO_MODE_BITS) {
    if (hasBit(goMode, bit)) {
      letter = candidate;
      break;
    }
  }
  const unix =
    (goMode % 0o1000) +
    (hasBit(goMode, GO_SETUID_BIT) ? SETUID : 0) +
    (hasBit(goMode, GO_SETGID_BIT) ? SETGID : 0) +
    (hasBit(goMode, GO_STICKY_BIT) ? STICKY : 0);
  return { type: typeOfLetter(letter), mode: modeString(letter, unix) };
}
