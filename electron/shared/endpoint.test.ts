import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { checkEndpoint, formatEndpoint, normalizeAbsolutePath, parseEndpoint } from './endpoint';

function rejection(input: string): AppError {
  try {
    parseEndpoint(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('parseEndpoint', () => {
  it.each([
    ['unix:///var/run/docker.sock', { kind: 'unix', path: '/var/run/docker.sock' }],
    ['  unix:///run/user/1000//docker.sock ', { kind: 'unix', path: '/run/user/1000/docker.sock' }],
    ['tcp://127.0.0.1:2376', { kind: 'tcp', host: '127.0.0.1', port: 2376 }],
    ['TCP://Docker.Example.COM:2375/', { kind: 'tcp', host: 'docker.example.com', port: 2375 }],
    ['tcp://[::1]:65535', { kind: 'tcp', host: '[::1]', port: 65535 }],
    ['npipe:////./pipe/docker_engine', { kind: 'npipe', path: '//./pipe/docker_engine' }],
    ['ssh://me@build-box:2222', { kind: 'ssh', user: 'me', host: 'build-box', port: 2222 }],
    ['ssh://host', { kind: 'ssh', host: 'host' }],
  ])('parses %s', (input, expected) => {
    expect(parseEndpoint(input)).toEqual(expected);
  });

  it.each([
    ['', 'no scheme'],
    ['/var/run/docker.sock', 'no scheme'],
    ['unix://var/run/docker.sock', 'absolute path'],
    ['unix:///', 'directory'],
    ['unix:///tmp/', 'directory'],
    ['tcp://host', 'add the port'],
    ['tcp://host:0', 'from 1 to 65535'],
    ['tcp://host:65536', 'from 1 to 65535'],
    ['tcp://host:99999', 'from 1 to 65535'],
    ['tcp://user:pw@host:2375', 'nothing else'],
    ['tcp://host:2375/path?q=1', 'nothing else'],
    ['tcp://-bad-:2375', 'nothing else'],
    ['http://host:2375', 'tcp://host:port'],
    ['ftp://host', 'not supported'],
    ['unix:///tmp/a b.sock', 'spaces or control'],
    ['unix:///tmp/a\u0000b.sock', 'spaces or control'],
    ['tcp://host:23\n75', 'spaces or control'],
    ['npipe://docker_engine', 'named pipe'],
  ])('rejects %j with INVALID_ARGUMENT that says why and shows an example', (input, why) => {
    const error = rejection(input);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(why);
    expect(error.message).toContain('unix:///var/run/docker.sock');
    expect(error.message).toContain('tcp://');
  });

  it('never echoes a huge input whole, nor raw control characters', () => {
    const error = rejection(`tcp://${'a'.repeat(5000)}\u0007`);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).not.toMatch(/\p{Cc}/u);
  });

  it('answers hostile input with an endpoint or INVALID_ARGUMENT, and endpoints round-trip', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .constantFrom('unix://', 'tcp://', 'npipe://', 'ssh://')
            .chain((scheme) => fc.string({ maxLength: 80 }).map((rest) => scheme + rest)),
        ),
        (input) => {
          let parsed;
          try {
            parsed = parseEndpoint(input);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('INVALID_ARGUMENT');
            return;
          }
          expect(parseEndpoint(formatEndpoint(parsed))).toEqual(parsed);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeAbsolutePath (posix.normalize without node:path, for the renderer)', () => {
  it.each([
    ['/var/run/docker.sock', '/var/run/docker.sock'],
    ['/a//b/./c/../d', '/a/b/d'],
    ['/a/b/', '/a/b/'],
    ['//', '/'],
    ['/..', '/'],
    ['/a/..', '/'],
    ['/a/../', '/'],
    ['/a/.', '/a'],
    ['/a/./', '/a/'],
    ['/../a', '/a'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAbsolutePath(input)).toBe(expected);
  });
});

describe('checkEndpoint', () => {
  it('answers without throwing: the endpoint, or why not as a clause', () => {
    expect(checkEndpoint(' tcp://h:2375 ')).toEqual({
      ok: true,
      endpoint: { kind: 'tcp', host: 'h', port: 2375 },
    });
    expect(checkEndpoint('/var/run/docker.sock')).toEqual({
      ok: false,
      why: 'there is no scheme. Put unix:// in front of the path: unix:///var/run/docker.sock',
    });
  });
});
