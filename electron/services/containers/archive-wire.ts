import type { IncomingMessage } from 'node:http';
import type { PathStat } from './container-files';
import { failure, type EngineWhere } from './engine-errors';

/** The header in which the archive API describes the path it answers about. */
export const STAT_HEADER = 'x-docker-container-path-stat';
/** An engine error body is a line of JSON; more than this is not one. */
const ERROR_BODY_BYTES = 4096;
/** Go's os.FileMode type bits (ModeDir, ModeSymlink): above 2^31, so no JS bit operators. */
const MODE_DIR_BIT = 31;
const MODE_SYMLINK_BIT = 27;

export const hasBit = (mode: number, bit: number): boolean => Math.floor(mode / 2 ** bit) % 2 === 1;

function parseTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The X-Docker-Container-Path-Stat header, decoded; an engine that sends none is not one Bosun can use. */
export function decodeStat(header: string | string[] | undefined, where: EngineWhere): PathStat {
  try {
    const raw: unknown = JSON.parse(Buffer.from(String(header ?? ''), 'base64').toString('utf8'));
    const { name, size, mode, mtime, linkTarget } = raw as Record<string, unknown>;
    if (typeof name === 'string' && typeof size === 'number' && typeof mode === 'number') {
      return {
        name,
        size,
        mode,
        mtime: parseTime(mtime),
        linkTarget: typeof linkTarget === 'string' ? linkTarget : '',
        isDirectory: hasBit(mode, MODE_DIR_BIT),
        isSymlink: hasBit(mode, MODE_SYMLINK_BIT),
      };
    }
  } catch {
    // falls through to the failure below
  }
  throw failure(
    'UNAVAILABLE',
    `The engine at ${where.endpoint} described a file without a readable ${STAT_HEADER} header.`,
    'It may not be a Docker engine, or an old one; check its version.',
  );
}

/** The engine's message in an error body (bounded: the body is read at most ERROR_BODY_BYTES far). */
export async function errorMessage(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= ERROR_BODY_BYTES) break;
  }
  const text = Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8');
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? message : text;
  } catch {
    return text;
  }
}
