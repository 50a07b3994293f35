import type { ParsedIn } from '../../shared/contract';

/** What an image prune touches and what it does not, for the confirmation and the CLI. */
export function pruneNotes(input: ParsedIn<'images.prune'>): string[] {
  const notes = [
    input.all
      ? 'Every image no container uses goes, named ones included: using one again means pulling or building it again.'
      : 'Only images without a name (dangling) that no container uses go; named images stay. "All unused" removes those too.',
    'Images that containers use stay, whether those containers run or not.',
    'The space is an upper bound: layers shared with images that stay are not freed.',
  ];
  if (input.label) notes.push(`Only images labelled ${input.label}.`);
  return notes;
}
