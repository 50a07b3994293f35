/**
 * How frames travel over the WebSocket. A frame without bytes is one JSON text message. A frame whose
 * call params or event payload has Uint8Array fields (terminal output and input) is one binary message:
 *
 *   [u32 big-endian: header length][header: the frame as JSON, bytes fields left out, plus
 *   "$bin": [[field, length], …]][the fields' bytes, in that order]
 *
 * so bytes are never decoded as text on the way (a chunk can end inside a UTF-8 character) and never
 * inflated by base64. IPC and in-process links need none of this: structured clone carries Uint8Array.
 * Only top-level fields of `params` (call) and `payload` (event) may be bytes; the scan stays that
 * shallow so a 1,000-row list pays nothing for it.
 */
const BIN = '$bin';
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const MAX_FIELDS = 8;

type Slot = 'params' | 'payload';

function slotOf(frame: { t?: unknown }): Slot | undefined {
  if (frame.t === 'call') return 'params';
  if (frame.t === 'event') return 'payload';
  return undefined;
}

function bytesFields(value: unknown): [string, Uint8Array][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const found: [string, Uint8Array][] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field instanceof Uint8Array) found.push([key, field]);
  }
  return found;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A frame as one WebSocket message: text when it carries no bytes, binary when it does. */
export function encodeWireFrame(frame: object): string | Uint8Array {
  const slot = slotOf(frame as { t?: unknown });
  const container = slot ? (frame as Record<Slot, unknown>)[slot] : undefined;
  const fields = bytesFields(container);
  if (fields.length === 0) return JSON.stringify(frame);
  const stripped: Record<string, unknown> = { ...(container as Record<string, unknown>) };
  for (const [key] of fields) delete stripped[key];
  const header = encoder.encode(
    JSON.stringify({ ...frame, [slot!]: stripped, [BIN]: fields.map(([key, b]) => [key, b.byteLength]) }),
  );
  const total = 4 + header.byteLength + fields.reduce((sum, [, b]) => sum + b.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength);
  out.set(header, 4);
  let offset = 4 + header.byteLength;
  for (const [, b] of fields) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return out;
}

/**
 * The frame a message carries, or undefined when it is not one (bad JSON, a binary message whose
 * lengths do not add up). The result is untrusted: the receiver validates it like any frame.
 */
export function decodeWireFrame(message: string | Uint8Array): unknown {
  if (typeof message === 'string') return parseJson(message);
  if (message.byteLength < 4) return undefined;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const headerLength = view.getUint32(0);
  if (headerLength > message.byteLength - 4) return undefined;
  let text: string;
  try {
    text = decoder.decode(message.subarray(4, 4 + headerLength));
  } catch {
    return undefined;
  }
  const frame = parseJson(text);
  if (typeof frame !== 'object' || frame === null) return undefined;
  const slot = slotOf(frame);
  const lengths = (frame as Record<string, unknown>)[BIN];
  if (!slot || !Array.isArray(lengths) || lengths.length === 0 || lengths.length > MAX_FIELDS)
    return undefined;
  const container = (frame as Record<string, unknown>)[slot];
  if (typeof container !== 'object' || container === null || Array.isArray(container)) return undefined;
  const target = container as Record<string, unknown>;
  let offset = 4 + headerLength;
  for (const entry of lengths) {
    if (!Array.isArray(entry) || entry.length !== 2) return undefined;
    const [key, length] = entry as [unknown, unknown];
    if (typeof key !== 'string' || !FIELD.test(key) || Object.hasOwn(target, key)) return undefined;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) return undefined;
    if (offset + length > message.byteLength) return undefined;
    target[key] = message.subarray(offset, offset + length);
    offset += length;
  }
  if (offset !== message.byteLength) return undefined;
  delete (frame as Record<string, unknown>)[BIN];
  return frame;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
