import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { APP_SERVERS } from './app-servers';
import { COORDINATION } from './coordination';
import { DATABASES } from './databases';
import { LOG_PIPELINES } from './log-pipelines';
import { NETWORK_SERVICES } from './network-services';
import { OBSERVABILITY } from './observability';
import { PROXIES } from './proxies';
import { programEntrySchema, type ProgramEntry } from './schema';
import { STORES } from './stores';
import { QUEUES } from './queues';
import { RUNTIMES } from './runtimes';
import { WEB_SERVERS } from './web-servers';

const catalogSchema = z.array(programEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `the id '${entry.id}' is used twice` });
    }
    seen.add(entry.id);
  });
});

/**
 * Checks a list of entries against the schema (every regex compiles, every entry cites a source, ids
 * are unique) and freezes it. A broken knowledge base is a bug in Bosun, hence INTERNAL.
 */
export function validateKnowledge(entries: readonly unknown[]): readonly ProgramEntry[] {
  const parsed = catalogSchema.safeParse(entries);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `The reload knowledge base is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return Object.freeze(parsed.data);
}

/** Every program of reference/domain.md §1.2, validated when this module loads. */
export const KNOWLEDGE: readonly ProgramEntry[] = validateKnowledge([
  ...WEB_SERVERS,
  ...PROXIES,
  ...DATABASES,
  ...STORES,
  ...COORDINATION,
  ...QUEUES,
  ...OBSERVABILITY,
  ...LOG_PIPELINES,
  ...NETWORK_SERVICES,
  ...APP_SERVERS,
  ...RUNTIMES,
]);
