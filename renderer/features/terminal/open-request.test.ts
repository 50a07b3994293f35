import { describe, expect, it } from 'vitest';
import { describeChoice, openRequest, optionProblem } from './open-request';

const target = { connectionId: 'local', containerId: 'a'.repeat(64), containerName: 'web' };

describe('openRequest', () => {
  it('sends only what the mode takes, with the fitted size and the fixes turned off', () => {
    const shell = openRequest(target, { mode: 'shell', user: 'app', workdir: '/srv' }, ['locale'], {
      cols: 132,
      rows: 40,
    });
    expect(shell).toMatchObject({ mode: 'shell', user: 'app', workdir: '/srv', cols: 132, rows: 40 });
    expect(shell.disabledFixes).toEqual(['locale']);
    expect(shell).not.toHaveProperty('writable');
    const attach = openRequest(target, { mode: 'attach' }, [], { cols: 80, rows: 24 });
    expect(attach).toMatchObject({ mode: 'attach', writable: false });
    expect(attach).not.toHaveProperty('user');
  });
});

describe('optionProblem', () => {
  it.each([
    ['user', '', undefined],
    ['user', 'www-data', undefined],
    ['user', '1000:1000', undefined],
    ['user', 'two words', 'a user is NAME, UID or UID:GID'],
    ['workdir', '/srv/app', undefined],
    ['workdir', 'srv', 'a working directory is an absolute path'],
  ] as const)('%s %j: %s', (field, value, problem) => {
    expect(optionProblem(field, value)).toBe(problem);
  });
});

describe('describeChoice', () => {
  it('says what a reopen starts', () => {
    expect(describeChoice({ mode: 'shell', user: 'app', workdir: '/srv' })).toBe('shell as app in /srv');
    expect(describeChoice({ mode: 'toolbox' })).toBe('toolbox');
    expect(describeChoice({ mode: 'attach', writable: true })).toBe('attach to PID 1 (writable)');
  });
});
