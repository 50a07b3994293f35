import { describe, expect, it } from 'vitest';
import { fakeViews } from '../../test/fake-terminal-view';
import { settle } from '../../test/frames';
import { lazyViews } from './lazy-view';
import type { TerminalViewFactory, TerminalViewOptions } from './terminal-view';

const options: TerminalViewOptions = {
  fontSize: 13,
  dark: false,
  gpu: true,
  onInput: () => undefined,
  onShortcut: () => undefined,
};

function deferred() {
  let resolve!: (factory: TerminalViewFactory) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<TerminalViewFactory>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('lazyViews', () => {
  it('loads the real view once, then hands it where to show, the latest settings and the output in order', async () => {
    const { create, views } = fakeViews();
    const load = deferred();
    let loads = 0;
    const factory = lazyViews(() => {
      loads++;
      return load.promise;
    });
    const view = factory(options);
    factory(options);
    const box = document.createElement('div');
    view.attach(box);
    view.setFontSize(15);
    view.setDark(true);
    view.setInputEnabled(false);
    const done: string[] = [];
    view.write(new Uint8Array([0x61]), () => done.push('a'));
    view.separator('reopening: shell');
    view.write(new Uint8Array([0x62]), () => done.push('b'));
    expect(view.fit()).toBeUndefined();

    load.resolve(create);
    expect(await view.firstFit()).toEqual({ cols: 120, rows: 30 });
    expect(loads).toBe(1);
    const real = views[0]!;
    expect(real.container).toBe(box);
    expect([real.fontSize, real.dark, real.inputEnabled]).toEqual([15, true, false]);
    expect(real.text()).toBe('ab');
    expect(real.separators).toEqual(['reopening: shell']);
    real.render();
    expect(done).toEqual(['a', 'b']);
  });

  it('says so when the code cannot be loaded, and acknowledges output instead of holding it', async () => {
    const load = deferred();
    const view = lazyViews(() => load.promise)(options);
    let acked = false;
    view.write(new Uint8Array([0x61]), () => (acked = true));
    load.reject(new Error('Failed to fetch dynamically imported module'));
    await expect(view.firstFit()).rejects.toThrow('The terminal could not be loaded');
    expect(acked).toBe(true);
  });

  it('creates nothing for a tab closed before the code arrived', async () => {
    const { create, views } = fakeViews();
    const load = deferred();
    const view = lazyViews(() => load.promise)(options);
    view.dispose();
    load.resolve(create);
    await settle();
    expect(views).toEqual([]);
  });
});
