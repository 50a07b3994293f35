import { checkEndpoint } from '../../../electron/shared/endpoint';

/**
 * What the form checks while you type: the core's own endpoint parser (electron/shared/endpoint.ts),
 * so the form and connections.add never disagree. The core checks again (and knows more: TLS files,
 * duplicates).
 */
export const ENDPOINT_EXAMPLE = 'unix:///var/run/docker.sock or tcp://192.168.1.10:2376';

function sentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

/** Why the endpoint cannot work, or undefined when it looks right. */
export function endpointProblem(input: string): string | undefined {
  if (!input.trim()) return 'Enter where the engine listens.';
  const checked = checkEndpoint(input);
  if (!checked.ok) return sentence(checked.why);
  // The core dials ssh:// now, but accepting an unknown host key needs a dialog the window does not
  // have yet; the CLI shows the fingerprint and takes it.
  if (checked.endpoint.kind === 'ssh')
    return 'Add SSH engines with the CLI for now: bosun hosts add ssh://user@host (it shows the host key to accept).';
  return undefined;
}

export function nameProblem(input: string): string | undefined {
  const value = input.trim();
  if (!value) return 'Give the connection a name.';
  if (value.length > 80) return 'Keep the name under 80 characters.';
  return undefined;
}
