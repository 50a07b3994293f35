import type { Rule } from '../workload';
import { evidence, when } from './evidence';

/** Limits, health and recovery: what keeps one container from starving the host or failing unnoticed. */
export const resourceRules: readonly Rule[] = [
  {
    id: 'R20',
    title: 'No memory limit',
    severity: 'medium',
    why: 'Without a memory limit one container can take all memory of the host and have the kernel kill other processes.',
    fix: 'Set a limit: --memory 512m (compose: mem_limit or deploy.resources.limits.memory; Kubernetes: limits.memory). Bosun can apply it live.',
    refs: ['CIS 5.11', 'KSV-0018', 'C-0271'],
    check: (w) => when(w.memoryLimit, (v) => v === 0),
  },
  {
    id: 'R21',
    title: 'No CPU limit or priority',
    severity: 'low',
    why: 'Without a CPU limit or share a busy container starves its neighbours.',
    fix: 'Set --cpus 1.5 or --cpu-shares 512 (compose: cpus:, cpu_shares:; Kubernetes: limits.cpu).',
    refs: ['CIS 5.12', 'KSV-0011', 'C-0270'],
    check: (w) => (w.cpu.every((f) => f.value === 0) ? w.cpu.map((f) => evidence(f.field, f.value)) : []),
  },
  {
    id: 'R22',
    title: 'No PIDs limit',
    severity: 'low',
    why: 'Without a PIDs limit a fork bomb in the container exhausts the process table of the host.',
    fix: 'Set --pids-limit 200 (compose: pids_limit:).',
    refs: ['CIS 5.29', 'C-0284'],
    check: (w) => when(w.pidsLimit, (v) => v === null),
  },
  {
    id: 'R23',
    title: 'No healthcheck',
    severity: 'low',
    why: 'Without a healthcheck a hung program looks healthy: failures go unnoticed and rollouts are blind.',
    fix: 'Add HEALTHCHECK to the image or --health-cmd (compose: healthcheck:; Kubernetes: liveness and readiness probes).',
    refs: ['CIS 4.6', 'CIS 5.27', 'C-0056', 'C-0018'],
    check: (w) => when(w.healthcheck, (test) => test === null || (test.length === 1 && test[0] === 'NONE')),
  },
  {
    id: 'R24',
    title: 'Restart policy without recovery or without a cap',
    severity: 'info',
    why: "'no' never brings a crashed container back; 'always' restarts a crash loop for ever. CIS prefers on-failure with at most 5 retries.",
    fix: 'Use --restart on-failure:5 (compose: restart: on-failure:5).',
    refs: ['CIS 5.15'],
    check: (w) => when(w.restartPolicy, (v) => v.name === 'no' || v.name === 'always'),
  },
];
