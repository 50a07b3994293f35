import type { RpcHost, RpcPeer } from '../rpc/router';
import type { ContractShape } from '../shared/contract/define';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/bridge';
import { isAppUrl } from './window';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
}

export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  on(
    event: 'did-start-navigation',
    listener: (details: { readonly isMainFrame: boolean; readonly isSameDocument: boolean }) => void,
  ): unknown;
}

export interface IpcMainEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

export type IpcListener = (event: IpcMainEventLike, ...args: unknown[]) => void;

export interface IpcMainLike {
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export interface IpcOptions {
  /** Whether a frame may reach the core; anything else is dropped and logged, never dispatched. */
  isTrustedSender(event: IpcMainEventLike): boolean;
  readonly log?: (message: string) => void;
}

/** The top-level frame of its window, showing the app: iframes and foreign pages are not. */
export function isAppMainFrame(event: IpcMainEventLike, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  const main = event.sender.mainFrame;
  return (
    frame.processId === main.processId && frame.routingId === main.routingId && isAppUrl(frame.url, appUrl)
  );
}

const LOGGED_DROPS = 10;

/**
 * Electron IPC ↔ RpcPeers: one peer per webContents, which ends when the page goes away (window
 * destroyed, renderer crashed, or a new document loaded), so its calls and subscriptions end too.
 * Returns the function that detaches the adapter and closes every peer.
 */
export function attachIpc<C extends ContractShape>(
  ipcMain: IpcMainLike,
  host: RpcHost<C>,
  options: IpcOptions,
): () => void {
  const log = options.log ?? ((message: string) => console.warn(`bosun ipc: ${message}`));
  const peers = new Map<number, RpcPeer<C>>();
  const watched = new WeakSet<WebContentsLike>();
  let drops = 0;

  const closePeer = (id: number): void => {
    const peer = peers.get(id);
    peers.delete(id);
    peer?.close();
  };

  const watch = (contents: WebContentsLike): void => {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id;
    contents.once('destroyed', () => closePeer(id));
    contents.on('render-process-gone', () => closePeer(id));
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) closePeer(id);
    });
  };

  const peerFor = (contents: WebContentsLike): RpcPeer<C> => {
    const existing = peers.get(contents.id);
    if (existing) return existing;
    watch(contents);
    // IPC has no connection to close when the core shuts down, and the window may outlive the core
    // for a moment: the peer stays here, closed, and answers every later call with UNAVAILABLE
    // instead of leaving the page to wait for its own timeout.
    const peer = host.connect(
      (frame) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, frame);
      },
      { transport: 'ipc', label: `window ${contents.id}` },
    );
    peers.set(contents.id, peer);
    return peer;
  };

  const onInvoke: IpcListener = (event, frame) => {
    if (!options.isTrustedSender(event)) {
      drops += 1;
      if (drops <= LOGGED_DROPS) {
        const where = event.senderFrame ? event.senderFrame.url.slice(0, 200) : 'a frame that is gone';
        log(`dropped a frame from an untrusted sender (webContents ${event.sender.id}, ${where})`);
        if (drops === LOGGED_DROPS) log('further untrusted frames are dropped without a log line');
      }
      return;
    }
    if (event.sender.isDestroyed()) return;
    peerFor(event.sender).receive(frame);
  };

  ipcMain.on(INVOKE_CHANNEL, onInvoke);
  return () => {
    ipcMain.removeListener(INVOKE_CHANNEL, onInvoke);
    for (const id of [...peers.keys()]) closePeer(id);
  };
}
