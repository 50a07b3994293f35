import { describe, expect, it, vi } from 'vitest';
import { reloadOnNewToken, takeToken } from './token';

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/index.html?x=1#token=s3cret');
    const token = takeToken(window.location, window.history, window.sessionStorage);
    expect(token).toBe('s3cret');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?x=1');
    expect(window.sessionStorage.getItem('bosun.token')).toBe('s3cret');
  });

  it('uses the kept token after a reload, and a new fragment replaces it', () => {
    window.sessionStorage.setItem('bosun.token', 'kept');
    window.history.replaceState(null, '', '/');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('kept');
    window.history.replaceState(null, '', '/#token=new');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('new');
  });

  it('has none when neither the address nor the tab has one', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/#other=1');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBeUndefined();
  });
});

describe('reloadOnNewToken', () => {
  it('reloads when a token arrives in the fragment, and only then', () => {
    const reload = vi.fn();
    const listeners: Array<() => void> = [];
    const fake = {
      location: { hash: '', reload },
      addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
      removeEventListener: vi.fn(),
    } as unknown as Window;
    const stop = reloadOnNewToken(fake);
    (fake.location as { hash: string }).hash = '#section';
    listeners.forEach((l) => l());
    expect(reload).not.toHaveBeenCalled();
    (fake.location as { hash: string }).hash = '#token=abc';
    listeners.forEach((l) => l());
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
    expect(fake.removeEventListener).toHaveBeenCalledWith('hashchange', expect.any(Function));
  });
});
