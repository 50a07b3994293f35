import { describe, expect, it } from 'vitest';
import { connectionIdSchema } from '../../shared/contract';
import { slugify, uniqueId } from './slug';

describe('slugify / uniqueId', () => {
  it.each([
    ['Build Box', 'build-box'],
    ['  prod / eu-west #2 ', 'prod-eu-west-2'],
    ['Ünïcödé', 'unicode'],
    ['日本', 'engine'],
    ['---', 'engine'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('always yields a valid connection id', () => {
    for (const name of ['x'.repeat(500), '.hidden', '_under', '9lives', '-']) {
      expect(connectionIdSchema.safeParse(slugify(name)).success).toBe(true);
    }
  });

  it('adds -2, -3 … to ids already taken', () => {
    expect(uniqueId('box', new Set())).toBe('box');
    expect(uniqueId('box', new Set(['box']))).toBe('box-2');
    expect(uniqueId('box', new Set(['box', 'box-2']))).toBe('box-3');
  });
});
