import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './csp';

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    // xterm.js's <style> elements and its DOM renderer's truecolor style attributes (see csp.ts).
    ['style-src-elem', "'self' 'unsafe-inline'"],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ])('has %s %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('allows neither inline code nor eval, and inline CSS only where xterm.js needs it', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    const inline = [...directives].filter(([, values]) => values.includes("'unsafe-inline'")).map(([n]) => n);
    expect(inline).toEqual(['style-src-elem', 'style-src-attr']);
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.has('script-src-elem')).toBe(false);
    expect(directives.has('script-src-attr')).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it("adds connect sources, such as the web server's WebSocket origin, and nothing else", () => {
    const policy = contentSecurityPolicy(['ws://127.0.0.1:4242']);
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4242;");
    expect(policy.replace(' ws://127.0.0.1:4242', '')).toBe(CONTENT_SECURITY_POLICY);
  });
});
