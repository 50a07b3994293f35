import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file could not be read; deliberately coarse (see readSmallFile). */
export type SmallFileProblem = 'unreadable' | 'not-a-file' | 'too-large';

export class SmallFileError extends Error {
  constructor(readonly problem: SmallFileProblem) {
    super(problem);
    this.name = 'SmallFileError';
  }
}

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (which would hold a
// libuv thread and the caller forever); on a regular file it changes nothing. Windows has neither flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads a small regular file named by a client: opened once, checked through its handle (fstat, so a
 * path swapped after the check cannot slip a device or FIFO in) and read through that handle, never
 * more than `maxBytes` (a file that grows meanwhile is refused). Every open or read failure is the same
 * `unreadable`, so the answer does not tell a caller which paths exist.
 */
export async function readSmallFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch {
    throw new SmallFileError('unreadable');
  }
  try {
    const stats = await handle.stat().catch(() => {
      throw new SmallFileError('unreadable');
    });
    if (!stats.isFile()) throw new SmallFileError('not-a-file');
    if (stats.size > maxBytes) throw new SmallFileError('too-large');
    // One byte more than allowed tells a file that grew since fstat from one that fits exactly.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length).catch(() => {
        throw new SmallFileError('unreadable');
      });
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new SmallFileError('too-large');
    return buffer.subarray(0, length);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
