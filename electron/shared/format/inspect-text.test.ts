import { describe, expect, it } from 'vitest';
import {
  secretsSentence,
  shownCommandPart,
  shownHealthResult,
  shownMount,
  shownRestartPolicy,
  shownTime,
  shownUser,
} from './inspect-text';

describe('the words of the inspect summary', () => {
  it('reads times, users and restart policies', () => {
    expect(shownTime('2025-11-24T21:15:27Z')).toBe('2025-11-24 21:15:27 UTC');
    expect(shownTime(undefined)).toBe('—');
    expect(shownUser('')).toBe('root (none set)');
    expect(shownUser('33:33')).toBe('33:33');
    expect(shownRestartPolicy({ name: 'no', maxRetries: 0 })).toBe('no (never restarted by the engine)');
    expect(shownRestartPolicy({ name: 'on-failure', maxRetries: 1 })).toBe('on-failure, at most 1 retry');
    expect(shownRestartPolicy({ name: 'on-failure', maxRetries: 0 })).toBe(
      'on-failure, retries without limit',
    );
    expect(shownRestartPolicy({ name: 'unless-stopped', maxRetries: 0 })).toBe('unless-stopped');
  });

  it('says where a command came from', () => {
    const sh = { argv: ['sh'], line: 'sh' };
    expect(shownCommandPart({ effective: sh, source: 'image' })).toBe("sh (the image's default)");
    expect(shownCommandPart({ source: 'container', image: sh })).toBe(
      "none (set on the container; the image's: sh)",
    );
    expect(shownCommandPart({ effective: sh, source: 'container' })).toBe(
      "sh (set on the container; the image's: none)",
    );
    expect(shownCommandPart({ effective: sh, source: 'unknown' })).toBe(
      'sh (the image is gone: its default is unknown)',
    );
  });

  it('reads mounts and health results', () => {
    const base = { source: '/x', destination: '/d', mode: 'ro' as const, propagation: '', anonymous: false };
    expect(shownMount({ ...base, type: 'bind', propagation: 'rprivate' })).toBe(
      'bind /x · ro · propagation rprivate',
    );
    expect(shownMount({ ...base, type: 'volume', volumeName: 'data', mode: 'rw' })).toBe('volume data · rw');
    expect(shownMount({ ...base, type: 'volume', volumeName: 'a'.repeat(64), anonymous: true })).toBe(
      'anonymous volume aaaaaaaaaaaa · ro',
    );
    expect(shownMount({ ...base, type: 'tmpfs', source: '' })).toBe('tmpfs · ro');
    expect(shownHealthResult({ start: '', exitCode: 1, output: 'a\nb' })).toBe('exit 1\na\nb');
    expect(shownHealthResult({ start: '', exitCode: 0, durationMs: 5, output: '' })).toBe('exit 0 · 5 ms');
  });

  it('counts secrets in a sentence', () => {
    expect(secretsSentence(0, false)).toBe('');
    expect(secretsSentence(1, false)).toBe('1 secret value is masked.');
    expect(secretsSentence(3, true)).toBe('3 secret values are shown.');
  });
});
