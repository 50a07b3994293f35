import { describe, expect, it } from 'vitest';
import { endpointProblem, nameProblem } from './endpoint-validation';

describe('endpoint validation', () => {
  it.each([
    'unix:///var/run/docker.sock',
    'unix:///run/user/1000/podman/podman.sock',
    'tcp://192.168.1.10:2376',
    'tcp://build-01.example.com:2375',
    'tcp://[::1]:2375',
    '  tcp://host:2375  ',
    'ssh://deploy@build-01:22',
    'ssh://build-01',
    'ssh://root@127.0.0.1:2222',
  ])('accepts %s', (endpoint) => {
    expect(endpointProblem(endpoint)).toBeUndefined();
  });

  it.each([
    ['', 'Enter where'],
    ['unix://var/run/docker.sock', 'absolute path'],
    ['unix:///var/run/', 'directory'],
    ['tcp://host', 'Add the port'],
    ['tcp://host:99999', '1 to 65535'],
    ['tcp://host:2375/path', 'nothing after the port'],
    ['http://host:2375', 'not http'],
    ['/var/run/docker.sock', 'unix:///var/run/docker.sock'],
    ['docker.sock', 'Start with unix://'],
    ['ssh://deploy@build-01:99999', '1 to 65535'],
    ['ssh://deploy@build-01/path', 'ssh://user@host'],
    ['unix:///a b', 'no spaces'],
  ])('explains what is wrong with %j', (endpoint, expected) => {
    expect(endpointProblem(endpoint)).toContain(expected);
  });

  it('needs a name', () => {
    expect(nameProblem('  ')).toContain('name');
    expect(nameProblem('laptop')).toBeUndefined();
    expect(nameProblem('x'.repeat(81))).toContain('80');
  });
});
