import { hardenedDoc, inspectDoc, workloadOf } from '../inspect-fixture';
import { alone, d, pod, type Case } from './case-kit';

/** Cases of the runtime rules. */
export const runtimeCases: Record<string, Case> = {
  R31: {
    fires: [
      {
        name: 'sshd listener',
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              processes: [
                { pid: 4242, command: '/usr/bin/tini -- /start.sh' },
                { pid: 4250, command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups' },
              ],
            }),
          ),
        severity: 'low',
        field: 'Top[PID 4250]',
        value: 'sshd',
      },
    ],
    quiet: [
      {
        name: 'nginx only',
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              processes: [
                { pid: 1, command: 'nginx: master process nginx -g daemon off;' },
                { pid: 7, command: 'nginx: worker process' },
              ],
            }),
          ),
      },
    ],
  },
  R32: {
    fires: [
      {
        name: 'a new program, a cron entry and an SSH key',
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              changes: [
                { path: '/usr', kind: 'modified' },
                { path: '/usr/local/bin', kind: 'modified' },
                { path: '/usr/local/bin/kworkerd', kind: 'added' },
                { path: '/etc/cron.d/sync', kind: 'added' },
                { path: '/root/.ssh/authorized_keys', kind: 'modified' },
              ],
            }),
          ),
        severity: 'medium',
        field: 'Changes[/usr/local/bin/kworkerd]',
        value: 'added: new program',
      },
    ],
    quiet: [
      {
        name: 'logs and caches',
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              changes: [
                { path: '/var/log/nginx/access.log', kind: 'modified' },
                { path: '/tmp/cache-1', kind: 'added' },
                { path: '/usr/bin/old-tool', kind: 'deleted' },
              ],
            }),
          ),
      },
    ],
  },
  R33: {
    fires: [
      {
        name: 'a password',
        make: () => d({ Config: { Env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2'] } }),
        severity: 'medium',
        field: 'Config.Env[1]',
        value: 'DB_PASSWORD=********',
      },
    ],
    quiet: [
      {
        name: 'a secret file and look-alikes',
        make: () =>
          d({
            Config: {
              Env: [
                'POSTGRES_PASSWORD_FILE=/run/secrets/db',
                'KEYBOARD_LAYOUT=us',
                'TOKENIZERS_PARALLELISM=false',
                'DB_PASSWORD=',
              ],
            },
          }),
      },
    ],
  },
  R34: {
    fires: [
      {
        name: 'a pod with the token left on',
        make: () => pod(undefined),
        severity: 'medium',
        field: 'spec.automountServiceAccountToken',
        value: 'unset',
      },
    ],
    quiet: [
      { name: 'turned off', make: () => pod(false) },
      { name: 'Docker has no such token', make: () => d() },
    ],
  },
  R35: {
    fires: [
      {
        name: 'a privileged exec',
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              execs: [{ field: 'Exec(3f2a9c81d0e4)', privileged: true, user: '1000' }],
            }),
          ),
        severity: 'info',
        field: 'Exec(3f2a9c81d0e4).ProcessConfig.privileged',
        value: 'true',
      },
      {
        name: 'a root exec in a root container',
        make: () =>
          alone(
            workloadOf(inspectDoc(), {
              execs: [{ field: 'Exec(3f2a9c81d0e4)', privileged: false, user: '' }],
            }),
          ),
        severity: 'info',
        field: 'Exec(3f2a9c81d0e4).ProcessConfig.user',
        value: 'root',
      },
    ],
    quiet: [
      {
        name: "an exec as the container's own non-root user",
        make: () =>
          alone(
            workloadOf(hardenedDoc(), {
              execs: [{ field: 'Exec(3f2a9c81d0e4)', privileged: false, user: '' }],
            }),
          ),
      },
    ],
  },
};
