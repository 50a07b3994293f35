import { describe, expect, it } from 'vitest';
import {
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  pageUrl,
  parseAuthMessage,
  tokensEqual,
} from './auth';

describe('launch token', () => {
  it('is 32 random bytes in base64url, different every time', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('compares equal only to itself', () => {
    const token = generateToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token, `${token}x`)).toBe(false);
    expect(tokensEqual(token, token.slice(0, -1))).toBe(false);
    expect(tokensEqual(token, '')).toBe(false);
    expect(tokensEqual(token, token.toUpperCase())).toBe(false);
  });

  it('travels in the fragment of the page URL, never in its path or query', () => {
    const url = new URL(pageUrl(4321, 'abc-_DEF'));
    expect(url.origin).toBe('http://127.0.0.1:4321');
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#token=abc-_DEF');
  });
});

describe('parseAuthMessage', () => {
  it('reads the token of a well-formed auth message', () => {
    expect(parseAuthMessage('{"t":"auth","token":"abc"}')).toBe('abc');
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON null', 'null'],
    ['an array', '["auth","abc"]'],
    ['another frame type', '{"t":"call","id":"1","method":"system.info","params":{}}'],
    ['a token that is not a string', '{"t":"auth","token":123}'],
    ['no token', '{"t":"auth"}'],
    ['an absurdly long token', JSON.stringify({ t: 'auth', token: 'x'.repeat(5000) })],
  ])('refuses %s', (_what, text) => {
    expect(parseAuthMessage(text)).toBeUndefined();
  });
});

describe('Host check (DNS rebinding)', () => {
  it.each(['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080'])('accepts %s', (host) => {
    expect(isAllowedHost(host, 8080)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '127.0.0.1',
    '127.0.0.1:8081',
    'evil.example:8080',
    'localhost.evil.example:8080',
    '[::1]:8080',
  ])('refuses %s', (host) => {
    expect(isAllowedHost(host, 8080)).toBe(false);
  });
});

describe('Origin check', () => {
  it('accepts no Origin at all (non-browser clients), and the page itself', () => {
    expect(isAllowedOrigin(undefined, 8080)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8080', 8080)).toBe(true);
  });

  it.each(['null', '', 'https://127.0.0.1:8080', 'http://127.0.0.1:8081', 'http://evil.example', 'file://'])(
    'refuses %s',
    (origin) => {
      expect(isAllowedOrigin(origin, 8080)).toBe(false);
    },
  );
});
