import { checkEndpoint } from '../../../electron/shared/endpoint';

/**
 * What the form checks while you type: the core's own endpoint parser (electron/shared/endpoint.ts),
 * so the form and connections.add never disagree. The core checks again (and knows more: TLS files,
 * duplicates).
 */
export const ENDPOINT_EXAMPLE =
  'unix:///var/run/docker.sock, tcp://192.168.1.10:2376 or ssh://me@build-01:22';

function sentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

/** Why the endpoint cannot work, or undefined when it looks right. */
export function endpointProblem(input: string): string | undefined {
  if (!input.trim()) return 'Enter where the engine listens.';
  const checked = checkEndpoint(input);
  return checked.ok ? undefined : sentence(checked.why);
}

export function nameProblem(input: string): string | undefined {
  const value = input.trim();
  if (!value) return 'Give the connection a name.';
  if (value.length > 80) return 'Keep the name under 80 characters.';
  return undefined;
}
