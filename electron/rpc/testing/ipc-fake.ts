import { EventEmitter } from 'node:events';
import type {
  FrameLike,
  IpcListener,
  IpcMainEventLike,
  IpcMainLike,
  WebContentsLike,
} from '../../main/ipc-adapter';
import type { IpcRendererLike } from '../../preload/bridge';

/**
 * An in-memory stand-in for Electron's IPC: every message is structured-cloned and delivered on a
 * later microtask, as Electron does between processes, so values that could not cross real IPC fail
 * here too. Tests only.
 */
export class FakeIpcMain implements IpcMainLike {
  private readonly emitter = new EventEmitter();

  on(channel: string, listener: IpcListener): this {
    this.emitter.on(channel, listener);
    return this;
  }

  removeListener(channel: string, listener: IpcListener): this {
    this.emitter.removeListener(channel, listener);
    return this;
  }

  deliver(channel: string, event: IpcMainEventLike, args: unknown[]): void {
    this.emitter.emit(channel, event, ...args);
  }

  listenerCount(channel: string): number {
    return this.emitter.listenerCount(channel);
  }
}

let nextId = 1;

export class FakeFrame implements FrameLike {
  readonly routingId = nextId++;
  constructor(
    public url: string,
    readonly processId: number,
    readonly parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  private destroyed = false;
  /** The renderer side of `send`: what ipcRenderer.on listeners receive. */
  readonly toRenderer = new EventEmitter();

  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url, 1000 + this.id);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copy = structuredClone(args);
    queueMicrotask(() => this.toRenderer.emit(channel, { sender: 'ipcRenderer' }, ...copy));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** A main-frame navigation to a new document (reload included). */
  navigate(url: string): void {
    this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    this.mainFrame.url = url;
  }
}

/** The renderer end of one frame of a FakeWebContents: what the preload's ipcRenderer would be. */
export function fakeIpcRenderer(
  ipcMain: FakeIpcMain,
  contents: FakeWebContents,
  frame: FakeFrame,
): IpcRendererLike {
  return {
    send(channel, ...args) {
      const copy = structuredClone(args);
      queueMicrotask(() => ipcMain.deliver(channel, { sender: contents, senderFrame: frame }, copy));
    },
    on(channel, listener) {
      contents.toRenderer.on(channel, listener);
      return this;
    },
    removeListener(channel, listener) {
      contents.toRenderer.removeListener(channel, listener);
      return this;
    },
  };
}
