import { describe, expect, it } from 'vitest';
import { keyAction } from './key-actions';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: Boolean(mods.ctrl),
  metaKey: Boolean(mods.meta),
  shiftKey: Boolean(mods.shift),
  altKey: Boolean(mods.alt),
});

describe('keyAction', () => {
  it.each([
    [key('a'), 'Linux x86_64', 'terminal'],
    [key('c', { ctrl: true }), 'Linux x86_64', 'terminal'],
    [key('v', { ctrl: true }), 'Linux x86_64', 'terminal'],
    [key('V', { ctrl: true, shift: true }), 'Linux x86_64', 'browser'],
    [key('C', { ctrl: true, shift: true }), 'Linux x86_64', 'browser'],
    [key('v', { ctrl: true }), 'Win32', 'browser'],
    [key('v', { meta: true }), 'MacIntel', 'browser'],
    [key('=', { ctrl: true }), 'Linux x86_64', 'zoom-in'],
    [key('+', { ctrl: true, shift: true }), 'Linux x86_64', 'zoom-in'],
    [key('-', { ctrl: true }), 'Linux x86_64', 'zoom-out'],
    [key('_', { ctrl: true, shift: true }), 'Linux x86_64', 'terminal'],
    [key('0', { ctrl: true }), 'Linux x86_64', 'zoom-reset'],
    [key('F', { ctrl: true, shift: true }), 'Linux x86_64', 'search'],
    [key('f', { ctrl: true }), 'Linux x86_64', 'terminal'],
    [key('f', { meta: true }), 'MacIntel', 'search'],
    [key('=', { ctrl: true }), 'MacIntel', 'terminal'],
    [key('=', { ctrl: true, alt: true }), 'Linux x86_64', 'terminal'],
  ] as const)('%o on %s: %s', (event, platform, action) => {
    expect(keyAction(event, platform)).toBe(action);
  });
});
