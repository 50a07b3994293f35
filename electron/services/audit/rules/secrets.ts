import { SECRET_MASK } from '../../../shared/contract';
import { isSecretName } from '../../inspect/secrets';
import type { Rule } from '../workload';
import { evidence } from './evidence';

/** NAME=value split; the value never leaves this file unmasked. */
function secretEntry(entry: string): string | undefined {
  const equals = entry.indexOf('=');
  if (equals <= 0 || equals === entry.length - 1) return undefined;
  const name = entry.slice(0, equals);
  // DB_PASSWORD_FILE=/run/secrets/db is the fix, not the problem: the value is a path.
  if (/_FILE$/i.test(name) || !isSecretName(name)) return undefined;
  return name;
}

/** Credentials where anyone who can inspect the workload reads them. */
export const secretRules: readonly Rule[] = [
  {
    id: 'R33',
    title: 'Secrets in environment variables',
    severity: 'medium',
    why: 'Environment variables are visible to anyone who can inspect the container, end up in logs and crash reports, and are readable in /proc.',
    fix: 'Pass secrets as files (docker secrets, a read-only mount, NAME_FILE variables; Kubernetes: secret volumes) instead of values.',
    refs: ['CIS 4.10', 'C-0207'],
    check: (w) =>
      w.env.flatMap((entry) => {
        const name = secretEntry(entry.value);
        return name ? [evidence(entry.field, `${name}=${SECRET_MASK}`)] : [];
      }),
  },
  {
    id: 'R34',
    title: 'Service account token mounted',
    severity: 'medium',
    why: 'A mounted service account token is API access for whoever gets into the container.',
    fix: 'Set automountServiceAccountToken: false on the pod (or its service account) unless it calls the Kubernetes API.',
    refs: ['C-0034', 'C-0261', 'KSV-0036'],
    check: (w) =>
      w.serviceAccountToken && w.serviceAccountToken.value !== false
        ? [evidence(w.serviceAccountToken.field, w.serviceAccountToken.value ?? '(unset: mounted)')]
        : [],
  },
];
