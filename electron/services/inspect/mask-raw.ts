import { MAX_RAW_INSPECT_CHARS } from '../../shared/contract';
import type { InspectDocument } from './inspect-engine';
import { record, type Json } from './raw-fields';
import { maskEnvEntry, maskUrlPasswords } from './secrets';

function maskWords(holder: Json, key: string): void {
  const value = holder[key];
  if (typeof value === 'string') holder[key] = maskUrlPasswords(value).text;
  else if (Array.isArray(value))
    holder[key] = value.map((word: unknown) =>
      typeof word === 'string' ? maskUrlPasswords(word).text : word,
    );
}

/**
 * A copy of the document with the same secrets masked as in the summary: Config.Env entries whose name
 * says secret (their whole value) or whose value holds a URL with user:password@ (the password only),
 * and URL passwords in what runs (Path, Args, Cmd, Entrypoint, the healthcheck and its output).
 */
export function maskDocument(doc: InspectDocument): InspectDocument {
  const copy = structuredClone(doc);
  const config = record(copy['Config']);
  if (Array.isArray(config['Env'])) {
    config['Env'] = config['Env'].map((entry: unknown) =>
      typeof entry === 'string' ? maskEnvEntry(entry).entry : entry,
    );
  }
  maskWords(copy, 'Path');
  maskWords(copy, 'Args');
  maskWords(config, 'Cmd');
  maskWords(config, 'Entrypoint');
  maskWords(record(config['Healthcheck']), 'Test');
  const log = record(record(copy['State'])['Health'])['Log'];
  if (Array.isArray(log)) for (const entry of log) maskWords(record(entry), 'Output');
  return copy;
}

/**
 * The document a client gets: masked unless revealed, and only when it fits MAX_RAW_INSPECT_CHARS;
 * otherwise null, with a note that says how big it is and where to read it whole.
 */
export function rawForClient(
  doc: InspectDocument,
  reveal: boolean,
): { raw: InspectDocument | null; note?: string } {
  const raw = reveal ? doc : maskDocument(doc);
  const chars = JSON.stringify(raw).length;
  if (chars <= MAX_RAW_INSPECT_CHARS) return { raw };
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    raw: null,
    note: `The raw document is ${mb(chars)}, more than the ${mb(MAX_RAW_INSPECT_CHARS)} Bosun passes on; \`docker inspect\` prints it whole.`,
  };
}
