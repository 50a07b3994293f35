import { describe, expect, it } from 'vitest';
import { SelectionStore } from './selection-store';

const ORDER = ['a', 'b', 'c', 'd', 'e'];
const keys = (store: SelectionStore): string[] => [...store.getSnapshot().keys].sort();

describe('SelectionStore', () => {
  it('toggles one row per click', () => {
    const store = new SelectionStore();
    store.click('b', false, ORDER);
    store.click('d', false, ORDER);
    expect(keys(store)).toEqual(['b', 'd']);
    store.click('b', false, ORDER);
    expect(keys(store)).toEqual(['d']);
  });

  it('shift-click sets the range from the anchor to the row to the anchor’s state, in either direction', () => {
    const store = new SelectionStore();
    store.click('b', false, ORDER);
    store.click('d', true, ORDER);
    expect(keys(store)).toEqual(['b', 'c', 'd']);
    store.click('a', true, ORDER);
    expect(keys(store)).toEqual(['a', 'b', 'c', 'd']);
    // An anchor that was just unticked clears the range instead.
    store.click('c', false, ORDER);
    store.click('e', true, ORDER);
    expect(keys(store)).toEqual(['a', 'b']);
  });

  it('without an anchor in the shown rows, a shift-click is a plain click', () => {
    const store = new SelectionStore();
    store.click('c', true, ORDER);
    expect(keys(store)).toEqual(['c']);
    store.click('a', true, ['a', 'b']);
    expect(keys(store)).toEqual(['a', 'c']);
  });

  it('selects many at once and keeps only rows still shown', () => {
    const store = new SelectionStore();
    store.setMany(ORDER, true);
    const before = store.getSnapshot();
    store.retain(new Set(ORDER));
    expect(store.getSnapshot()).toBe(before);
    store.retain(new Set(['a', 'e']));
    expect(keys(store)).toEqual(['a', 'e']);
    store.setMany(['a'], false);
    expect(keys(store)).toEqual(['e']);
    store.clear();
    expect(keys(store)).toEqual([]);
  });
});
