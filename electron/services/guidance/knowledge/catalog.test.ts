import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { KNOWLEDGE, validateKnowledge } from './catalog';
import { programEntrySchema, type ProgramEntry } from './schema';

const nginx = KNOWLEDGE.find((entry) => entry.id === 'nginx') as ProgramEntry;

function rejection(entries: unknown[]): AppError {
  try {
    validateKnowledge(entries);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('validateKnowledge accepted an invalid knowledge base');
}

describe('the reload knowledge base', () => {
  it('holds at least the 46 programs of the reference, each valid against the schema', () => {
    expect(KNOWLEDGE.length).toBeGreaterThanOrEqual(46);
    for (const entry of KNOWLEDGE) {
      const parsed = programEntrySchema.safeParse(entry);
      expect(parsed.success, `${entry.id}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('has unique ids, a source in every entry and regexes that compile', () => {
    expect(new Set(KNOWLEDGE.map((entry) => entry.id)).size).toBe(KNOWLEDGE.length);
    for (const entry of KNOWLEDGE) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      const { images, commands, masterTitle } = entry.detect;
      for (const source of [...images, ...commands, ...(masterTitle ? [masterTitle] : [])]) {
        expect(() => new RegExp(source), `${entry.id}: ${source}`).not.toThrow();
      }
      expect(commands.length, `${entry.id} can be detected from its process`).toBeGreaterThan(0);
    }
  });

  it('is frozen, so no caller can change it for everyone', () => {
    expect(Object.isFrozen(KNOWLEDGE)).toBe(true);
  });

  it('refuses a duplicate id', () => {
    const error = rejection([nginx, nginx]);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain("the id 'nginx' is used twice");
  });

  it('refuses a regex that does not compile', () => {
    const broken = { ...nginx, detect: { ...nginx.detect, commands: ['^nginx(('] } };
    expect(rejection([broken]).message).toContain('must compile as a JavaScript regular expression');
  });

  it('refuses an entry without a source', () => {
    expect(rejection([{ ...nginx, sources: [] }]).message).toContain('cites at least one source');
  });

  it('refuses an unknown signal and an http path without a leading slash', () => {
    const signal = { ...nginx, reload: [{ kind: 'signal', signal: 'KILL', target: 'master' }] };
    expect(rejection([signal]).code).toBe('INTERNAL');
    const http = { ...nginx, reload: [{ kind: 'http', method: 'POST', path: 'reload', preconditions: [] }] };
    expect(rejection([http]).code).toBe('INTERNAL');
  });
});
