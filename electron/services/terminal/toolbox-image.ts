// Makes sure an engine has a toolbox image (DESIGN.md §4): one already there, else one built on a
// pulled busybox where a registry answers, else one built from the local recipe (a static busybox
// of this machine) where none does.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { failure, reasonAndHint } from '../containers/engine-errors';
import type { ImageRow, ToolboxEngine } from '../containers/toolbox-engine';
import { dockerArchOf, readElf } from './elf';
import {
  appletsOf,
  fromImageContext,
  recipeContext,
  RECIPE_VERSION,
  TOOLBOX_LABEL,
  TOOLBOX_TAG,
} from './toolbox-recipe';

export const DEFAULT_REGISTRY_IMAGE = 'busybox:1.36-musl';
/** Where Debian's busybox-static (and most distributions' busybox) lives. */
export const BUSYBOX_CANDIDATES: readonly string[] = ['/bin/busybox', '/usr/bin/busybox'];
const LIST_TIMEOUT_MS = 10_000;

export interface EnsureToolboxOptions {
  onProgress(message: string): void;
  signal?: AbortSignal;
  /** A static busybox to build from; default: the first static one of BUSYBOX_CANDIDATES. */
  busyboxPath?: string;
  /** The busybox image to build on where a registry answers; default DEFAULT_REGISTRY_IMAGE. */
  registryImage?: string;
  /** The name to build under (and to prefer among present images); default bosun/toolbox:<recipe version>. */
  tag?: string;
  /** Extra labels for an image Bosun builds. */
  labels?: Readonly<Record<string, string>>;
}

export interface ToolboxImage {
  /** What to create the sidecar from: a `repo:tag`, or an image id for an untagged one. */
  readonly image: string;
  readonly how: 'present' | 'pulled' | 'built';
}

interface Flight {
  readonly promise: Promise<ToolboxImage>;
  readonly listeners: Set<(message: string) => void>;
  readonly controller: AbortController;
  waiting: number;
}

// One search-or-build per engine and tag: a second terminal opened meanwhile waits for the first.
const flights = new WeakMap<ToolboxEngine, Map<string, Flight>>();

/**
 * Resolves with a toolbox image on `engine`, building one when needed. Concurrent calls for the
 * same engine share one build and all see its progress; the build is cancelled only when every
 * caller has cancelled. Rejects with an AppError (UNAVAILABLE when no way works, saying what to do).
 */
export function ensureToolboxImage(
  engine: ToolboxEngine,
  options: EnsureToolboxOptions,
): Promise<ToolboxImage> {
  const tag = options.tag ?? TOOLBOX_TAG;
  if (options.signal?.aborted) return Promise.reject(cancelled());
  // Each caller's own listener, so two callers passing the same function both hear everything.
  const listener = (message: string): void => options.onProgress(message);
  let byTag = flights.get(engine);
  if (!byTag) flights.set(engine, (byTag = new Map()));
  let flight = byTag.get(tag);
  // A flight every caller has left is winding down; a new caller starts afresh.
  if (!flight || flight.controller.signal.aborted) {
    // The first caller listens before the first message.
    const listeners = new Set([listener]);
    const controller = new AbortController();
    const shared = byTag;
    const started: Flight = {
      listeners,
      controller,
      waiting: 0,
      promise: findOrMake(
        engine,
        { ...options, tag },
        (message) => listeners.forEach((l) => l(message)),
        controller.signal,
      ).finally(() => {
        if (shared.get(tag) === started) shared.delete(tag);
      }),
    };
    // Nobody may be left to hear a failure after every caller gave up.
    started.promise.catch(() => undefined);
    byTag.set(tag, (flight = started));
  }
  return join(flight, listener, options.signal);
}

const cancelled = (): AppError => new AppError('CANCELLED', 'Preparing the toolbox was cancelled.');

/** One caller's view of a shared flight: its progress, its own cancellation. */
function join(
  flight: Flight,
  listener: (message: string) => void,
  signal: AbortSignal | undefined,
): Promise<ToolboxImage> {
  flight.listeners.add(listener);
  flight.waiting++;
  return new Promise<ToolboxImage>((resolve, reject) => {
    const leave = (): void => {
      flight.listeners.delete(listener);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      leave();
      if (--flight.waiting === 0) flight.controller.abort();
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    flight.promise.then(
      (value) => {
        leave();
        resolve(value);
      },
      (error: unknown) => {
        leave();
        reject(error);
      },
    );
  });
}

type Resolved = Omit<EnsureToolboxOptions, 'onProgress' | 'signal' | 'tag'> & { tag: string };

async function findOrMake(
  engine: ToolboxEngine,
  options: Resolved,
  say: (message: string) => void,
  signal: AbortSignal,
): Promise<ToolboxImage> {
  say('Looking for the Bosun toolbox image…');
  const present = pickPresent(await engine.listImages(`${TOOLBOX_LABEL}=1`, signal), options.tag);
  if (present) {
    say(`Using the toolbox image ${present}.`);
    return { image: present, how: 'present' };
  }
  const ref = options.registryImage ?? DEFAULT_REGISTRY_IMAGE;
  let pullFailure: AppError;
  try {
    return await pullAndBuild(engine, ref, options, say, signal);
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'CANCELLED' || signal.aborted) throw error;
    pullFailure = error;
    say(`Could not pull ${ref}: ${reasonAndHint(error).reason}`);
  }
  say('Building the toolbox from the local recipe…');
  return buildFromRecipe(engine, options, pullFailure, say, signal);
}

/** The preferred tag if an image has it, else the newest labelled image's first tag (or its id). */
export function pickPresent(images: readonly ImageRow[], tag: string): string | undefined {
  if (images.some((image) => image.tags.includes(tag))) return tag;
  const newest = [...images].sort((a, b) => b.created - a.created)[0];
  return newest ? (newest.tags[0] ?? newest.id) : undefined;
}

async function pullAndBuild(
  engine: ToolboxEngine,
  ref: string,
  options: Resolved,
  say: (message: string) => void,
  signal: AbortSignal,
): Promise<ToolboxImage> {
  say(`Pulling ${ref}…`);
  await engine.pullImage(ref, say, signal);
  // A registry image that is a toolbox already (a mirror of bosun/toolbox) only needs its name.
  const labelled = await engine.listImages(`${TOOLBOX_LABEL}=1`, signal);
  if (labelled.some((image) => image.tags.includes(ref))) {
    await engine.tagImage(ref, options.tag, signal);
  } else {
    say(`Building ${options.tag} on ${ref}…`);
    await engine.buildImage(await fromImageContext(ref), buildOptions(options, ref), say, signal);
  }
  say(`The toolbox image ${options.tag} is ready.`);
  return { image: options.tag, how: 'pulled' };
}

function buildOptions(options: Resolved, source: string): { tag: string; labels: Record<string, string> } {
  return {
    tag: options.tag,
    labels: {
      ...options.labels,
      [`${TOOLBOX_LABEL}.recipe`]: RECIPE_VERSION,
      [`${TOOLBOX_LABEL}.source`]: source,
    },
  };
}

async function buildFromRecipe(
  engine: ToolboxEngine,
  options: Resolved,
  pullFailure: AppError,
  say: (message: string) => void,
  signal: AbortSignal,
): Promise<ToolboxImage> {
  const pulled = reasonAndHint(pullFailure).reason.replace(/\.$/, '');
  const busybox = await findStaticBusybox(options.busyboxPath);
  if ('problem' in busybox) {
    throw failure(
      'UNAVAILABLE',
      `No toolbox image: no registry reachable (${pulled}) and no static busybox on this machine (${busybox.problem}).`,
      'Install busybox-static (apt-get install busybox-static), or load a toolbox image labelled io.bosun.toolbox=1 into the engine (docker load -i toolbox.tar; assets/toolbox has its recipe), then retry.',
      { pullFailure: pullFailure.toWire() },
    );
  }
  const { os, arch } = await engine.platform(signal);
  if (os && os !== 'linux') {
    throw failure(
      'UNAVAILABLE',
      `The engine runs ${os} containers; the toolbox is a Linux image.`,
      'Switch the engine to Linux containers to use the toolbox.',
    );
  }
  if (arch && arch !== busybox.arch) {
    throw failure(
      'UNAVAILABLE',
      `No toolbox image: no registry reachable (${pulled}), and this machine's busybox (${busybox.path}) is built for ${busybox.arch} while the engine runs ${arch} containers.`,
      `Load a toolbox image built for ${arch} and labelled io.bosun.toolbox=1 into the engine (docker load -i toolbox.tar), or let the engine reach a registry, then retry.`,
      { pullFailure: pullFailure.toWire(), engineArch: arch, busyboxArch: busybox.arch },
    );
  }
  const applets = await listApplets(busybox.path);
  say(`Packing ${busybox.path} with ${applets.length} applets…`);
  const context = await recipeContext(await readFile(busybox.path), applets);
  await engine.buildImage(context, buildOptions(options, `recipe:${busybox.path}`), say, signal);
  say(`The toolbox image ${options.tag} is ready.`);
  return { image: options.tag, how: 'built' };
}

type BusyboxFound = { path: string; arch: string } | { problem: string };

/**
 * The given busybox, or the first of BUSYBOX_CANDIDATES that is a statically linked ELF of a
 * known machine: a dynamically linked one would not start in a `FROM scratch` image.
 */
export async function findStaticBusybox(
  path?: string,
  candidates: readonly string[] = BUSYBOX_CANDIDATES,
): Promise<BusyboxFound> {
  const problems: string[] = [];
  for (const candidate of path === undefined ? candidates : [path]) {
    try {
      const elf = await readElf(candidate);
      const arch = dockerArchOf(elf);
      if (!elf.isStatic) problems.push(`${candidate} is dynamically linked`);
      else if (!arch)
        problems.push(`${candidate} is built for an unknown machine (ELF machine ${elf.machine})`);
      else return { path: candidate, arch };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' ? `no ${candidate}` : `${candidate}: ${(error as Error).message}`);
    }
  }
  return { problem: problems.join('; ') };
}

/** `busybox --list`: it is a local binary, run directly (no shell). */
function listApplets(busybox: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(busybox, ['--list'], { timeout: LIST_TIMEOUT_MS }, (error, stdout) => {
      try {
        if (error) throw error;
        resolve(appletsOf(stdout));
      } catch (problem) {
        reject(
          failure(
            'UNAVAILABLE',
            `${busybox} cannot serve as the toolbox: ${(problem as Error).message}.`,
            'Install busybox-static (apt-get install busybox-static), or load a toolbox image labelled io.bosun.toolbox=1 into the engine.',
          ),
        );
      }
    });
  });
}
