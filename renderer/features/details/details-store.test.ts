import { describe, expect, it } from 'vitest';
import { DetailsStore } from './details-store';

describe('DetailsStore', () => {
  it('opens a container on the last tab chosen, and a second toggle of the same one closes it', () => {
    const store = new DetailsStore();
    store.open('local/aaa');
    store.showTab('inspect');
    store.toggle('local/bbb');
    expect(store.getSnapshot()).toEqual({ key: 'local/bbb', tab: 'inspect' });
    store.toggle('local/bbb');
    expect(store.getSnapshot()).toEqual({ key: undefined, tab: 'inspect' });
  });

  it('opens on a given tab when asked', () => {
    const store = new DetailsStore();
    store.open('local/aaa', 'files');
    expect(store.getSnapshot().tab).toBe('files');
  });
});
