import type { In } from '../../../electron/shared/contract';

export type TlsPart = 'ca' | 'cert' | 'key';
export type TlsPaths = Readonly<Record<TlsPart, string>>;
export type TlsProblems = Partial<Record<TlsPart, string>>;

export const TLS_PARTS: readonly TlsPart[] = ['ca', 'cert', 'key'];
export const NO_TLS: TlsPaths = { ca: '', cert: '', key: '' };

/** TLS files belong to tcp:// only; the form hides them (and keeps what was typed) for a socket. */
export function takesTls(endpoint: string): boolean {
  return endpoint.trim().toLowerCase().startsWith('tcp://');
}

// The core reads these files itself, from its own working directory: only a full path means the same file
// to the person typing it and to the core (and the core refuses anything else).
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * What is wrong with the TLS files, per field. All empty is plain TCP; otherwise the engine needs all
 * three, as docker's --tlscacert, --tlscert and --tlskey. `submitted` adds the fields left empty.
 */
export function tlsProblems(paths: TlsPaths, submitted: boolean): TlsProblems {
  const values = TLS_PARTS.map((part) => paths[part].trim());
  if (values.every((value) => value === '')) return {};
  const problems: TlsProblems = {};
  for (const part of TLS_PARTS) {
    const value = paths[part].trim();
    if (value === '') {
      if (submitted) problems[part] = 'TLS needs all three files; add this one.';
    } else if (/[\r\n]/.test(value)) {
      problems[part] = 'A path fits on one line.';
    } else if (!isAbsolute(value)) {
      problems[part] = 'Give the full path, such as /home/me/.docker/ca.pem.';
    }
  }
  return problems;
}

/** What connections.add takes: the trimmed paths, or nothing for plain TCP and sockets. */
export function tlsInput(endpoint: string, paths: TlsPaths): In<'connections.add'>['tls'] {
  if (!takesTls(endpoint)) return undefined;
  const [ca, cert, key] = TLS_PARTS.map((part) => paths[part].trim()) as [string, string, string];
  if (!ca && !cert && !key) return undefined;
  return { ca, cert, key };
}

/** The TLS field a refusal from the core is about: it names it as `tls.ca`, `tls.cert` or `tls.key`. */
export function tlsPartOf(details: Readonly<Record<string, unknown>> | undefined): TlsPart | undefined {
  const field = details?.['field'];
  return TLS_PARTS.find((part) => field === `tls.${part}`);
}
