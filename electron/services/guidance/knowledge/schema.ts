import { z } from 'zod';

/** A regular expression source; compiled once at load, so a typo fails the load (and a test), not a lookup. */
const regexSource = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must compile as a JavaScript regular expression' },
  );

const text = z.string().min(1);

export const reloadSignalSchema = z.enum(['HUP', 'USR1', 'USR2', 'QUIT', 'WINCH', 'TERM', 'INT']);
export type ReloadSignal = z.infer<typeof reloadSignalSchema>;

/**
 * One way to make a program apply its configuration in place. `target` names the process that must
 * receive a signal: `master` when the program runs a master with workers, `main` for a single process
 * (either way the process `findPrograms` returns, never blindly PID 1).
 */
export const reloadMethodSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('signal'),
      signal: reloadSignalSchema,
      target: z.enum(['main', 'master']),
      note: text.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('exec'),
      /** Run inside the container, e.g. ['nginx', '-s', 'reload']. */
      command: z.array(text).min(1),
      note: text.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('http'),
      method: z.enum(['GET', 'POST', 'PUT']),
      /** The container port the endpoint listens on by default; absent when there is no default. */
      port: z.number().int().min(1).max(65535).optional(),
      path: z.string().startsWith('/'),
      /** What must hold for the endpoint to exist or answer (a flag, a setting, credentials). */
      preconditions: z.array(text),
      note: text.optional(),
    })
    .strict(),
]);
export type ReloadMethod = z.infer<typeof reloadMethodSchema>;

/** One program of the reload knowledge base (reference/domain.md §1.2). */
export const programEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case kebab-case'),
    name: text,
    detect: z
      .object({
        /**
         * Matched against the image's repository name without tag or digest ('library/nginx'), and also
         * against `repository:tag` so that images flavoured by tag can be told apart ('php:8.3-fpm').
         */
        images: z.array(regexSource),
        /** Matched against one process command line (`args` of docker top), anchored at the executable. */
        commands: z.array(regexSource),
        /** The master's title when the program renames its processes ('^nginx: master process'). */
        masterTitle: regexSource.optional(),
        /** The ports it listens on by default (the weakest hint). */
        ports: z.array(z.number().int().min(1).max(65535)),
      })
      .strict(),
    /** In order of preference; empty when the program cannot apply a config change in place. */
    reload: z.array(reloadMethodSchema),
    configTest: z
      .object({ command: z.array(text).min(1), note: text.optional() })
      .strict()
      .optional(),
    configPaths: z.array(text),
    cannotReload: z.array(text),
    caveats: z.array(text),
    signalsToAvoid: z.array(z.object({ signal: text, why: text }).strict()),
    sources: z.array(text).min(1, 'every entry cites at least one source'),
  })
  .strict();
export type ProgramEntry = z.infer<typeof programEntrySchema>;
