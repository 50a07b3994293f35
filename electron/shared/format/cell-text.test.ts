import { describe, expect, it } from 'vitest';
import { shownImage, shownStatus } from './cell-text';

describe('cell text', () => {
  it('drops the health and pause notes the State column already shows', () => {
    expect(shownStatus('Up 5 minutes (healthy)')).toBe('Up 5 minutes');
    expect(shownStatus('Up 2 seconds (health: starting)')).toBe('Up 2 seconds');
    expect(shownStatus('Up 1 hour (Paused)')).toBe('Up 1 hour');
    expect(shownStatus('Exited (0) 2 hours ago')).toBe('Exited (0) 2 hours ago');
  });

  it('shortens an image known only by id, and leaves names alone', () => {
    expect(shownImage(`sha256:${'2bf85d575f2e'}${'0'.repeat(52)}`)).toBe('2bf85d575f2e');
    expect(shownImage('nginx:1.27')).toBe('nginx:1.27');
  });
});
