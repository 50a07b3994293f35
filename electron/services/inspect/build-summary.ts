import type { InspectSummary } from '../../shared/contract';
import type { ImageDefaults, InspectDocument } from './inspect-engine';
import { record, strings, text, time } from './raw-fields';
import { readEnvEntry } from './secrets';
import { SummaryContext } from './summary-context';
import { commandParts, readHealthcheck, readPid1, readRestartPolicy, readState } from './summary-process';
import {
  readLabels,
  readMounts,
  readNetworks,
  readPorts,
  readResources,
  readSecurity,
} from './summary-wiring';

/**
 * The summary of one inspect document: what people ask of `docker inspect`, read once in the core so
 * the CLI and the app say the same. `image` is the image's own defaults, or undefined when the image is
 * gone (then where Entrypoint and Cmd came from cannot be told, and a note says so).
 */
export function buildSummary(
  doc: InspectDocument,
  image: ImageDefaults | undefined,
  options: { readonly reveal: boolean },
): { summary: InspectSummary; secrets: number } {
  const context = new SummaryContext(options.reveal);
  const config = record(doc['Config']);
  const hostConfig = record(doc['HostConfig']);
  const imageId = text(doc['Image']);
  if (!image) {
    context.note(
      `The image ${imageId.replace(/^sha256:/, '').slice(0, 12) || '(unknown)'} is no longer on the engine, so whether the entrypoint and command are its defaults cannot be told.`,
    );
  }
  const env = context.limit(strings(config['Env']), 'environment variables').map((entry) => {
    const { secrets, ...read } = readEnvEntry(entry, options.reveal);
    context.secret(secrets);
    return { ...read, value: context.clip(read.value) };
  });
  const healthcheck = readHealthcheck(doc, context);
  const summary: InspectSummary = {
    id: text(doc['Id']),
    name: text(doc['Name']).replace(/^\//, ''),
    image: { ref: text(config['Image']), id: imageId },
    created: time(doc['Created']) ?? '',
    state: readState(doc, context),
    pid1: readPid1(doc, context),
    ...commandParts(config, image, context),
    workingDir: text(config['WorkingDir']) || '/',
    user: text(config['User']),
    env,
    restartPolicy: readRestartPolicy(hostConfig),
    ...(healthcheck ? { healthcheck } : {}),
    labels: readLabels(config, context),
    mounts: readMounts(doc, context),
    networkMode: text(hostConfig['NetworkMode']),
    networks: readNetworks(doc, context),
    ports: readPorts(doc, context),
    resources: readResources(hostConfig),
    security: readSecurity(hostConfig),
    notes: [],
  };
  return { summary: { ...summary, notes: context.allNotes() }, secrets: context.secrets };
}
