import { describe, expect, it } from 'vitest';
import { KNOWLEDGE } from './catalog';
import { TYPICAL_COMMANDS, TYPICAL_IMAGES, UNCLAIMED_COMMANDS } from './detection-fixtures';
import { imageNames, programFinder } from './find-programs';
import type { ProgramEntry } from './schema';

const find = programFinder(KNOWLEDGE);

function claims(entry: ProgramEntry, command: string): boolean {
  return entry.detect.commands.some((source) => new RegExp(source).test(command.trim()));
}

const others = (id: string) =>
  Object.entries(TYPICAL_COMMANDS).flatMap(([other, lines]) => (other === id ? [] : lines));

describe('detection from a process command line', () => {
  it('has typical lines for every entry and no lines for unknown ids', () => {
    expect(Object.keys(TYPICAL_COMMANDS).sort()).toEqual(KNOWLEDGE.map((entry) => entry.id).sort());
  });

  it.each(KNOWLEDGE.map((entry) => [entry.id, entry] as const))(
    '%s matches its own lines and no other entry’s',
    (id, entry) => {
      for (const line of TYPICAL_COMMANDS[id] ?? []) expect(claims(entry, line), line).toBe(true);
      for (const line of others(id)) expect(claims(entry, line), `${id} claims "${line}"`).toBe(false);
      for (const line of UNCLAIMED_COMMANDS)
        expect(claims(entry, line), `${id} claims "${line}"`).toBe(false);
    },
  );

  it.each(KNOWLEDGE.map((entry) => [entry.id] as const))(
    '%s is not claimed through a wrapper (sh -c, tini, dumb-init) that would drop the signal',
    (id) => {
      for (const line of TYPICAL_COMMANDS[id] ?? []) {
        for (const wrapped of [
          `/bin/sh -c ${line}`,
          `/sbin/tini -- ${line}`,
          `/usr/bin/dumb-init -- ${line}`,
        ]) {
          const claimedBy = KNOWLEDGE.filter((entry) => claims(entry, wrapped)).map((entry) => entry.id);
          expect(claimedBy, wrapped).toEqual([]);
        }
      }
    },
  );

  it('finds the master by its title where the program renames itself', () => {
    for (const entry of KNOWLEDGE.filter((e) => e.detect.masterTitle !== undefined)) {
      const title = new RegExp(entry.detect.masterTitle as string);
      const masters = (TYPICAL_COMMANDS[entry.id] ?? []).filter((line) => title.test(line));
      expect(masters.length, `${entry.id} has a master line in the table`).toBeGreaterThan(0);
    }
  });
});

describe('detection from the image', () => {
  it.each(Object.entries(TYPICAL_IMAGES))('%s is named by %s', (id, image) => {
    const [best] = find({ image, processes: [], ports: [] });
    expect(best?.entry.id).toBe(id);
    expect(best?.confidence).toBe('image');
  });

  it('strips tag and digest but keeps registry ports apart from tags', () => {
    expect(imageNames('library/nginx:1.25')).toEqual(['library/nginx', 'library/nginx:1.25']);
    expect(imageNames('localhost:5000/team/nginx')).toEqual(['localhost:5000/team/nginx']);
    expect(imageNames('localhost:5000/nginx:1@sha256:' + 'a'.repeat(64))).toEqual([
      'localhost:5000/nginx',
      'localhost:5000/nginx:1',
    ]);
    expect(imageNames('sha256:' + 'b'.repeat(64))).toEqual([]);
    expect(imageNames('b'.repeat(64))).toEqual([]);
  });

  it('tells php images apart by their tag', () => {
    expect(find({ image: 'php:8.3-apache', processes: [], ports: [] })[0]?.entry.id).toBe('apache-httpd');
    expect(find({ image: 'php:8.3-fpm', processes: [], ports: [] })[0]?.entry.id).toBe('php-fpm');
    expect(find({ image: 'php:8.3-cli', processes: [], ports: [] })).toEqual([]);
  });

  it('does not take an exporter or a look-alike for the program', () => {
    for (const image of [
      'nginx/nginx-prometheus-exporter:1.3',
      'local/debian-nginx:1',
      'busybox:1',
      'postgres-exporter',
    ]) {
      expect(find({ image, processes: [], ports: [] }), image).toEqual([]);
    }
  });
});
