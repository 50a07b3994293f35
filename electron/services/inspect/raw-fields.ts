/*
 * Readers for the engine's inspect JSON. Nothing about its shape is trusted (engines differ by version,
 * Podman fills fields differently, a hostile endpoint sends anything): a field of the wrong type reads
 * as absent instead of throwing.
 */

export type Json = Record<string, unknown>;

export function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function integer(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

export function flag(value: unknown): boolean {
  return value === true;
}

/** An array of strings (other items dropped); [] when absent. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An argv as the engine stores Cmd/Entrypoint: null when unset (a bare string is one shell word list). */
export function argvOf(value: unknown): string[] | null {
  if (typeof value === 'string') return value === '' ? null : [value];
  return Array.isArray(value) ? strings(value) : null;
}

/** Entries of an object whose values are records (Networks, Ports, ExposedPorts). */
export function entries(value: unknown): [string, unknown][] {
  return Object.entries(record(value));
}

/** The engine's "never" (0001-01-01T00:00:00Z, "") as undefined; other times cut to the second, in UTC. */
export function time(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw || raw.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return raw;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Milliseconds between two engine times, when both are real. */
export function between(start: unknown, end: unknown): number | undefined {
  const a = Date.parse(text(start));
  const b = Date.parse(text(end));
  if (Number.isNaN(a) || Number.isNaN(b) || text(end).startsWith('0001-01-01')) return undefined;
  return Math.max(0, b - a);
}
