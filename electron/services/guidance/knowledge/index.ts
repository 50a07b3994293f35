import { KNOWLEDGE } from './catalog';
import { programFinder, type FindProgramsInput, type ProgramMatch } from './find-programs';

export { KNOWLEDGE, validateKnowledge } from './catalog';
export { describeReload } from './describe-reload';
export { imageNames, programFinder } from './find-programs';
export type { FindProgramsInput, MatchConfidence, ProcessLine, ProgramMatch } from './find-programs';
export { programEntrySchema, reloadMethodSchema, reloadSignalSchema } from './schema';
export type { ProgramEntry, ReloadMethod, ReloadSignal } from './schema';

const finder = programFinder(KNOWLEDGE);

/**
 * The programs a container runs, best first: a process match (acting on the master where there is
 * one) beats an image match, which beats a well-known port; one result per entry, none when nothing
 * matches. Port guesses are only given when neither a process nor the image named a program.
 */
export function findPrograms(input: FindProgramsInput): ProgramMatch[] {
  return finder(input);
}
