import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { DiscoveryFs } from './discovery-fs';
import { formatEndpoint, parseEndpoint, type Endpoint } from '../../shared/endpoint';
import type { Blocked, TlsFiles } from './spec';

/** One docker context as its meta.json describes it (or why it could not be read). */
export interface DockerContext {
  /** The context's name; for an unreadable meta.json, the directory it sits in. */
  readonly name: string;
  readonly dir: string;
  readonly endpoint: string;
  readonly target?: Endpoint;
  readonly tls?: TlsFiles;
  readonly blocked?: Blocked;
}

export interface ContextStore {
  readonly contexts: DockerContext[];
  /** config.json's currentContext, when the file is readable and names one. */
  readonly currentContext?: string;
  /** What could not be read, for the log. */
  readonly problems: string[];
}

const configSchema = z.object({ currentContext: z.string().optional() }).loose();
const metaSchema = z
  .object({
    Name: z.string().min(1),
    Endpoints: z
      .object({
        docker: z
          .object({ Host: z.string().optional(), SkipTLSVerify: z.boolean().optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** The docker CLI names context directories by the SHA-256 of the context name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

// These texts reach a connection's status on the wire: our words, not the library's (a JSON parser's
// message quotes the file; an fs error's message carries the syscall and the path again).
function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    const where = error.issues[0]?.path.join('.');
    return where ? `the field ${where} has an unexpected value` : 'it has an unexpected shape';
  }
  if (error instanceof AppError) return error.message;
  if (error instanceof SyntaxError) return 'it is not valid JSON';
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? `error ${code}` : 'an unexpected error';
}

async function readJson<T>(fs: DiscoveryFs, path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const text = await fs.readText(path);
  return text === undefined ? undefined : schema.parse(JSON.parse(text));
}

async function readTls(fs: DiscoveryFs, dir: string, verify: boolean): Promise<TlsFiles | undefined> {
  const files: { ca?: string; cert?: string; key?: string } = {};
  for (const name of ['ca', 'cert', 'key'] as const) {
    const path = join(dir, `${name}.pem`);
    if (await fs.exists(path)) files[name] = path;
  }
  return Object.keys(files).length === 0 ? undefined : { verify, ...files };
}

async function readContext(
  fs: DiscoveryFs,
  configDir: string,
  dir: string,
): Promise<DockerContext | undefined> {
  const metaPath = join(configDir, 'contexts', 'meta', dir, 'meta.json');
  let meta: z.infer<typeof metaSchema> | undefined;
  try {
    meta = await readJson(fs, metaPath, metaSchema);
  } catch (error) {
    return {
      name: dir,
      dir,
      endpoint: 'unknown',
      blocked: {
        reason: `The docker context file ${metaPath} cannot be read: ${describe(error)}.`,
        hint: 'Fix or delete that directory (docker context ls shows the contexts the CLI can read).',
      },
    };
  }
  const host = meta?.Endpoints?.docker?.Host;
  // A context without a Docker endpoint (a Kubernetes-only one, say) is not an engine.
  if (!meta || host === undefined) return undefined;
  let target: Endpoint;
  try {
    target = parseEndpoint(host);
  } catch (error) {
    return {
      name: meta.Name,
      dir,
      endpoint: host,
      blocked: {
        reason: `The docker context "${meta.Name}" has an endpoint Bosun cannot use: ${describe(error)}`,
        hint: `Fix it with docker context update ${meta.Name} --docker host=…`,
      },
    };
  }
  const verify = meta.Endpoints?.docker?.SkipTLSVerify !== true;
  const tls =
    target.kind === 'tcp'
      ? await readTls(fs, join(configDir, 'contexts', 'tls', dir, 'docker'), verify)
      : undefined;
  return { name: meta.Name, dir, endpoint: formatEndpoint(target), target, ...(tls ? { tls } : {}) };
}

/** Reads config.json and every context under contexts/meta; one broken file spoils only itself. */
export async function readContextStore(fs: DiscoveryFs, configDir: string): Promise<ContextStore> {
  const problems: string[] = [];
  let currentContext: string | undefined;
  const configPath = join(configDir, 'config.json');
  try {
    currentContext = (await readJson(fs, configPath, configSchema))?.currentContext || undefined;
  } catch (error) {
    problems.push(
      `${configPath} cannot be read (${describe(error)}); Bosun cannot tell which docker context is current. Fix the file, or set DOCKER_CONTEXT.`,
    );
  }
  const contexts: DockerContext[] = [];
  let dirs: string[] = [];
  try {
    dirs = (await fs.listDirs(join(configDir, 'contexts', 'meta'))).sort();
  } catch (error) {
    problems.push(
      `The docker contexts in ${join(configDir, 'contexts')} cannot be listed: ${describe(error)}.`,
    );
  }
  for (const dir of dirs) {
    const context = await readContext(fs, configDir, dir);
    if (context) contexts.push(context);
  }
  return { contexts, problems, ...(currentContext ? { currentContext } : {}) };
}
