import { describe, expect, it } from 'vitest';
import { parsePasswd, resolveUser } from './passwd';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  '# a comment:x:1:1::/:/bin/sh',
  '',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'broken line without colons',
  'short:x:2:2:/home/short',
  'baduid:x:abc:5::/home/bad:/bin/sh',
  '+nisuser::::::',
  'app:x:1000:1000:App,,,:/home/app:/bin/sh\r',
  'dup:x:1000:1000::/home/dup:/bin/zsh',
  'extra:x:3:3::/h:/bin/sh:trailing',
].join('\n');

describe('parsePasswd', () => {
  it('keeps the well-formed entries and skips comments, NIS lines and malformed lines', () => {
    const entries = parsePasswd(PASSWD);
    expect(entries.map((e) => e.name)).toEqual(['root', 'daemon', 'app', 'dup']);
    expect(entries[2]).toEqual({ name: 'app', uid: 1000, gid: 1000, home: '/home/app', shell: '/bin/sh' });
  });

  it('reads an empty or binary file as no entries', () => {
    expect(parsePasswd('')).toEqual([]);
    expect(parsePasswd('\u0000\u0001\u0002')).toEqual([]);
  });
});

describe('resolveUser', () => {
  const entries = parsePasswd(PASSWD);

  it('takes "" as root', () => {
    expect(resolveUser(entries, '')).toMatchObject({ name: 'root', uid: 0, entry: { home: '/root' } });
  });

  it('looks a name up by name and a number up by uid (the first line wins)', () => {
    expect(resolveUser(entries, 'daemon')).toMatchObject({ uid: 1, entry: { shell: '/usr/sbin/nologin' } });
    expect(resolveUser(entries, '1000')).toMatchObject({ name: 'app', uid: 1000 });
  });

  it('ignores the group of uid:gid and name:group', () => {
    expect(resolveUser(entries, '1000:0')).toMatchObject({ name: 'app', uid: 1000 });
    expect(resolveUser(entries, 'root:daemon')).toMatchObject({ name: 'root', uid: 0 });
  });

  it('keeps a uid without an entry (the engine runs it anyway) and a name without one', () => {
    expect(resolveUser(entries, '4242')).toEqual({ name: undefined, uid: 4242, entry: undefined });
    expect(resolveUser(entries, '4242:4242')).toEqual({ name: undefined, uid: 4242, entry: undefined });
    expect(resolveUser(entries, 'ghost')).toEqual({ name: 'ghost', uid: undefined, entry: undefined });
    expect(resolveUser([], '')).toEqual({ name: undefined, uid: 0, entry: undefined });
  });
});
