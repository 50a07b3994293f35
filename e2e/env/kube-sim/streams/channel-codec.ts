// The framing of the Kubernetes channel WebSocket protocols (k8s.io/apimachinery wsstream, KEP-4006):
// every message is one channel's bytes, led by the channel number — a byte on the binary protocols,
// an ASCII digit before base64 text on the base64 ones.

/** Channel numbers of exec/attach; port-forward numbers its own (data 2i, error 2i+1). */
export const Channel = {
  Stdin: 0,
  Stdout: 1,
  Stderr: 2,
  Error: 3,
  Resize: 4,
  /** v5 only: the payload's first byte names the channel the peer is done writing. */
  Close: 255,
} as const;

/** One subprotocol a server accepts and what it means for the framing and the channels. */
export interface ChannelFlavor {
  /** The `Sec-WebSocket-Protocol` value ('' when the client offered none). */
  readonly name: string;
  /** 1 = channel.k8s.io … 5 = v5.channel.k8s.io: v3 adds resize, v4 a JSON Status on the error channel, v5 close. */
  readonly version: 1 | 2 | 3 | 4 | 5;
  readonly binary: boolean;
}

const flavor = (name: string, version: ChannelFlavor['version'], binary = true): ChannelFlavor => ({
  name,
  version,
  binary,
});

/** What the API server answers for exec and attach, in the order it prefers them. */
export const REMOTE_COMMAND_FLAVORS: readonly ChannelFlavor[] = [
  flavor('v5.channel.k8s.io', 5),
  flavor('v4.channel.k8s.io', 4),
  flavor('v4.base64.channel.k8s.io', 4, false),
  flavor('v3.channel.k8s.io', 3),
  flavor('v2.channel.k8s.io', 2),
  flavor('channel.k8s.io', 1),
  flavor('base64.channel.k8s.io', 1, false),
];

/**
 * What the kubelet's WebSocket port-forward answers (pkg/kubelet/cri/streaming/portforward/websocket.go):
 * only v4 framing; a client that offers v5 first (client-node does) is given v4.
 */
export const PORT_FORWARD_FLAVORS: readonly ChannelFlavor[] = [
  flavor('v4.channel.k8s.io', 4),
  flavor('v4.base64.channel.k8s.io', 4, false),
];

export type Negotiation =
  | { readonly ok: true; readonly flavor: ChannelFlavor }
  | { readonly ok: false; readonly offered: readonly string[] };

/** Parses `Sec-WebSocket-Protocol` (one header or several, comma-separated). */
export function offeredProtocols(header: string | readonly string[] | undefined): string[] {
  const joined = typeof header === 'string' ? header : (header ?? []).join(',');
  return joined
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Picks the server's most preferred flavor that the client offered. A client that offers nothing gets
 * the oldest binary framing, as wsstream's "" protocol does; one that offers only unknown names is refused.
 */
export function negotiateProtocol(
  header: string | readonly string[] | undefined,
  supported: readonly ChannelFlavor[],
): Negotiation {
  const offered = offeredProtocols(header);
  if (offered.length === 0) {
    const oldestBinary = [...supported].reverse().find((f) => f.binary);
    return oldestBinary ? { ok: true, flavor: { ...oldestBinary, name: '' } } : { ok: false, offered };
  }
  const chosen = supported.find((f) => offered.includes(f.name));
  return chosen ? { ok: true, flavor: chosen } : { ok: false, offered };
}

/** One message carrying `payload` on `channel`, as the flavor frames it. */
export function encodeFrame(flavor: ChannelFlavor, channel: number, payload: Uint8Array): Buffer | string {
  if (!flavor.binary) {
    return String.fromCharCode(48 + channel) + Buffer.from(payload).toString('base64');
  }
  const frame = Buffer.allocUnsafe(payload.length + 1);
  frame[0] = channel;
  frame.set(payload, 1);
  return frame;
}

export interface Frame {
  readonly channel: number;
  readonly payload: Buffer;
}

/** The channel and bytes of one received message; undefined for an empty message (no channel byte). */
export function decodeFrame(flavor: ChannelFlavor, data: Buffer): Frame | undefined {
  if (data.length === 0) return undefined;
  if (flavor.binary) return { channel: data[0] ?? 0, payload: data.subarray(1) };
  const text = data.toString('latin1');
  return { channel: text.charCodeAt(0) - 48, payload: Buffer.from(text.slice(1), 'base64') };
}
