import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerIdSchema } from './containers';
import { event, method } from './define';
import { clusterIdSchema, kubeObjectNameSchema, namespaceNameSchema } from './kube';
import { ackCountSchema } from './streams';

/**
 * Raw bytes. They cross IPC and in-process links by structured clone and the WebSocket as binary
 * messages (see shared/rpc/frame-codec.ts), never as text: a chunk may end inside a UTF-8 character.
 * A bytes field must be a top-level field of call params or of an event payload.
 */
export const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: 'expected bytes (a Uint8Array)',
});

/** Chosen by the client (a UUID) so it can subscribe to the session's output before opening it. */
export const sessionIdSchema = z.uuid({ message: 'a terminal session id is a UUID' });

const dimension = z.number().int().min(1).max(1000);

/** The fixes Bosun applies to an exec session; each can be turned off. */
export const terminalFixIdSchema = z.enum(['term', 'locale', 'timezone', 'home', 'prompt', 'keyboard']);
export type TerminalFixId = z.infer<typeof terminalFixIdSchema>;

export const terminalFixSchema = z.object({
  id: terminalFixIdSchema,
  /** Whether Bosun applied it in this session (off by the user, or not needed: false). */
  applied: z.boolean(),
  /** What was done or found, for the status strip: "UTF-8 locale set (C.UTF-8)", "TZ=Asia/Shanghai". */
  label: z.string(),
});
export type TerminalFix = z.infer<typeof terminalFixSchema>;

/** A user name, uid or uid:gid, as `docker exec --user` takes it. */
const userSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(:[A-Za-z0-9_.][A-Za-z0-9_.-]*)?$/, 'a user is NAME, UID or UID:GID');

/** An IANA zone ("Asia/Shanghai") or a POSIX TZ string ("CST-8"). */
const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/:,.<>]+$/, 'a time zone is an IANA name such as Asia/Shanghai');

export const terminalModeSchema = z.enum(['shell', 'toolbox', 'attach']);
export type TerminalMode = z.infer<typeof terminalModeSchema>;

export const terminalOpenInputSchema = z
  .object({
    sessionId: sessionIdSchema,
    connectionId: connectionIdSchema,
    containerId: containerIdSchema,
    /** `shell`: exec the best shell; `toolbox`: a sidecar sharing the target's namespaces; `attach`: PID 1's TTY. */
    mode: terminalModeSchema.default('shell'),
    user: userSchema.optional(),
    /** Working directory for the shell (absolute). */
    workdir: z
      .string()
      .max(4096)
      .regex(/^\/[^\0]*$/, 'a working directory is an absolute path')
      .optional(),
    /** Fixes the user turned off for this session. */
    disabledFixes: z.array(terminalFixIdSchema).max(6).default([]),
    /** The desktop's time zone, applied as TZ in the session. */
    timezone: timezoneSchema.optional(),
    cols: dimension,
    rows: dimension,
    /** Attach only: send keystrokes to PID 1 (off by default: typing into a server's console is rarely meant). */
    writable: z.boolean().default(false),
  })
  .strict();

/** A shell in a pod's container, over the Kubernetes exec API (the same fixes, wrapped with `env`). */
export const terminalOpenPodInputSchema = z
  .object({
    sessionId: sessionIdSchema,
    clusterId: clusterIdSchema,
    namespace: namespaceNameSchema,
    pod: kubeObjectNameSchema,
    /** The pod's container; absent: its only (or default) container. */
    container: z
      .string()
      .min(1)
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name is lowercase letters, digits and "-"')
      .optional(),
    disabledFixes: z.array(terminalFixIdSchema).max(6).default([]),
    timezone: timezoneSchema.optional(),
    cols: dimension,
    rows: dimension,
  })
  .strict();

export const terminalSessionSchema = z.object({
  sessionId: sessionIdSchema,
  mode: terminalModeSchema,
  /** The program started: the shell's path, or null when attached to PID 1. */
  shell: z.string().nullable(),
  /** The user the session runs as, as the engine reports it ("" for the image's default). */
  user: z.string(),
  fixes: z.array(terminalFixSchema),
  /** Whether keystrokes reach the program (an attach is read-only unless asked). */
  writable: z.boolean(),
  /** The toolbox sidecar serving this session, when mode is `toolbox`. */
  toolbox: z.object({ image: z.string(), containerId: z.string() }).optional(),
});
export type TerminalSession = z.infer<typeof terminalSessionSchema>;

export const terminalEndReasonSchema = z.enum([
  /** The program ended by itself (exitCode says how). */
  'exited',
  /** The exec started but the shell is not in the image (exit 126/127). */
  'no-shell',
  /** The container stopped or was removed. */
  'container-gone',
  /** The engine connection was lost. */
  'engine-lost',
  /** The client closed it. */
  'closed',
]);
export type TerminalEndReason = z.infer<typeof terminalEndReasonSchema>;

const sessionRef = z.object({ sessionId: sessionIdSchema }).strict();

export const terminalOutputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), sessionId: sessionIdSchema, data: bytesSchema }),
  /** A step of a long open (building the toolbox image): shown while the terminal is empty. */
  z.object({ type: z.literal('progress'), sessionId: sessionIdSchema, message: z.string() }),
  z.object({
    type: z.literal('ended'),
    sessionId: sessionIdSchema,
    reason: terminalEndReasonSchema,
    exitCode: z.number().int().nullable(),
    /** What happened and what to do next. */
    message: z.string(),
  }),
]);
export type TerminalOutput = z.infer<typeof terminalOutputSchema>;

/** Most bytes one input call may carry (a large paste is split by the client). */
export const MAX_TERMINAL_INPUT_BYTES = 64 * 1024;

export const terminalMethods = {
  'terminal.open': method({
    summary:
      'Opens a terminal session in a container (subscribe to terminal.output with the same sessionId first).',
    input: terminalOpenInputSchema,
    output: terminalSessionSchema,
    // Building the toolbox image on an engine without a registry can take a while; progress is streamed.
    timeoutMs: 180_000,
  }),
  'terminal.openPod': method({
    summary:
      "Opens a shell in a pod's container over the Kubernetes exec API (subscribe to terminal.output with the same sessionId first); input, resize, ack and close are the terminal's.",
    input: terminalOpenPodInputSchema,
    output: terminalSessionSchema,
    timeoutMs: 60_000,
  }),
  'terminal.input': method({
    summary: 'Sends keystrokes or pasted bytes to a session.',
    input: z
      .object({
        sessionId: sessionIdSchema,
        data: bytesSchema.refine((b) => b.byteLength <= MAX_TERMINAL_INPUT_BYTES, {
          message: `at most ${MAX_TERMINAL_INPUT_BYTES} bytes per call`,
        }),
      })
      .strict(),
    output: z.null(),
  }),
  'terminal.resize': method({
    summary: "Sets the session's window size (after every fit of the panel).",
    input: z.object({ sessionId: sessionIdSchema, cols: dimension, rows: dimension }).strict(),
    output: z.null(),
  }),
  'terminal.ack': method({
    summary:
      'Says how many output bytes the client has rendered since its last ack; output pauses while too many are unacknowledged.',
    input: z.object({ sessionId: sessionIdSchema, bytes: ackCountSchema }).strict(),
    output: z.null(),
  }),
  'terminal.close': method({
    summary: 'Ends a session (and removes its toolbox sidecar).',
    input: sessionRef,
    output: z.null(),
  }),
} as const;

export const terminalEvents = {
  'terminal.output': event({
    summary: "A session's output bytes, progress while it opens, and how it ended.",
    params: sessionRef,
    payload: terminalOutputSchema,
    matches: (params, payload) => params.sessionId === payload.sessionId,
  }),
} as const;
