import type { Rule, Workload } from '../workload';
import { capName, evidence, when } from './evidence';

const DANGEROUS_CAPS = new Set([
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'NET_ADMIN',
  'NET_RAW',
  'DAC_READ_SEARCH',
  'ALL',
]);

const isHost = (mode: string): boolean => mode === 'host';

/** Config.User as root: unset (the image's default), 0 or root, with or without a group. */
function runsAsRoot(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === '' || name === '0' || name === 'root';
}

/** Privileges and isolation: what the container may do to the host beyond its own processes. */
export const privilegeRules: readonly Rule[] = [
  {
    id: 'R01',
    title: 'Privileged container',
    severity: 'critical',
    why: 'A privileged container gets every device and every capability: escaping to the host is trivial.',
    fix: 'Drop --privileged (compose: privileged: false); add only the capabilities or devices it needs (--cap-add, --device).',
    refs: ['CIS 5.5', 'KSV-0017', 'C-0057'],
    check: (w) => when(w.privileged, (v) => v),
  },
  {
    id: 'R08',
    title: "Shares the host's process namespace",
    severity: 'high',
    why: 'With the host PID namespace the container sees, signals and can ptrace every process on the host.',
    fix: 'Remove --pid=host (compose: pid: host; Kubernetes: hostPID: true).',
    refs: ['CIS 5.16', 'KSV-0010', 'C-0038'],
    check: (w) => when(w.pidMode, isHost),
  },
  {
    id: 'R09',
    title: "Shares the host's IPC namespace",
    severity: 'high',
    why: 'With the host IPC namespace the container reads and writes shared memory of host processes.',
    fix: 'Remove --ipc=host (compose: ipc: host; Kubernetes: hostIPC: true).',
    refs: ['CIS 5.17', 'KSV-0008', 'C-0038'],
    check: (w) => when(w.ipcMode, isHost),
  },
  {
    id: 'R10',
    title: "Shares the host's UTS or user namespace",
    severity: 'medium',
    why: "Sharing the host's hostname or user namespace weakens the isolation between container and host.",
    fix: 'Remove --uts=host and --userns=host (compose: uts: host, userns_mode: host).',
    refs: ['CIS 5.21', 'CIS 5.31'],
    check: (w) => [...when(w.utsMode, isHost), ...when(w.usernsMode, isHost)],
  },
  {
    id: 'R11',
    title: 'Dangerous capabilities added',
    severity: 'high',
    why: 'SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN, NET_RAW and DAC_READ_SEARCH are container escape and network attack primitives.',
    fix: 'Remove them from --cap-add (compose: cap_add); if one is really needed, keep only that one and document why.',
    refs: ['CIS 5.4', 'KSV-0005', 'KSV-0022', 'KSV-0119', 'KSV-0120', 'C-0046'],
    check: (w) =>
      w.capAdd.value
        .map((cap, index) => ({ cap: capName(cap), index, raw: cap }))
        .filter(({ cap }) => DANGEROUS_CAPS.has(cap))
        // ALL includes SYS_ADMIN, so it weighs the same.
        .map(({ cap, index, raw }) =>
          evidence(
            `${w.capAdd.field}[${index}]`,
            raw,
            cap === 'SYS_ADMIN' || cap === 'ALL' ? 'critical' : undefined,
          ),
        ),
  },
  {
    id: 'R12',
    title: 'Capabilities not dropped',
    severity: 'low',
    why: "The engine's default capability set is wider than most programs need; dropping all and adding back the few needed limits what a compromise can do.",
    fix: 'Run with --cap-drop=ALL and --cap-add only what the program needs (compose: cap_drop: [ALL]).',
    refs: ['KSV-0003'],
    check: (w) =>
      w.capDrop.value.some((cap) => capName(cap) === 'ALL')
        ? []
        : [evidence(w.capDrop.field, w.capDrop.value)],
  },
  {
    id: 'R13',
    title: 'Runs as root',
    severity: 'medium',
    why: 'Root in the container is root on the host the moment anything breaks out; it also owns every file it writes to host mounts.',
    fix: 'Run as an unprivileged user: USER in the Dockerfile, or --user 1000:1000 (compose: user:; Kubernetes: runAsNonRoot: true).',
    refs: ['CIS 4.1', 'KSV-0012', 'KSV-0105', 'C-0013'],
    check: (w) => {
      if (w.nonRootEnforced?.value === true) return [];
      return when(w.user, runsAsRoot);
    },
  },
  {
    id: 'R14',
    title: 'Privilege escalation allowed',
    severity: 'medium',
    why: 'Without no-new-privileges a setuid binary in the image can raise a process to root.',
    fix: 'Run with --security-opt no-new-privileges (compose: security_opt: [no-new-privileges:true]; Kubernetes: allowPrivilegeEscalation: false).',
    refs: ['CIS 5.26', 'KSV-0001', 'C-0016'],
    check: (w) => (w.noNewPrivileges.value ? [] : [evidence(w.securityOpt.field, w.securityOpt.value)]),
  },
  {
    id: 'R15',
    title: 'seccomp disabled',
    severity: 'medium',
    why: 'Without a seccomp profile every system call of the kernel is reachable from the container.',
    fix: 'Remove --security-opt seccomp=unconfined; use the default profile or a custom one that allows what the program needs.',
    refs: ['CIS 5.22', 'KSV-0030', 'KSV-0104'],
    check: (w) => when(w.seccomp, (v) => v === 'unconfined'),
  },
  {
    id: 'R16',
    title: 'AppArmor or SELinux turned off',
    severity: 'medium',
    why: 'Mandatory access control is a second wall around the container; turning it off leaves only the namespaces.',
    fix: 'Remove --security-opt apparmor=unconfined and label=disable; write a profile that allows what the program needs.',
    refs: ['CIS 5.2', 'CIS 5.3', 'KSV-0002', 'KSV-0025'],
    check: (w) => [
      ...when(w.appArmorProfile, (v) => v === 'unconfined'),
      ...w.securityOpt.value
        .map((option, index) => ({ option, index }))
        .filter(({ option }) => /^label[=:]disable$/.test(option))
        .map(({ option, index }) => evidence(`${w.securityOpt.field}[${index}]`, option)),
    ],
  },
  {
    id: 'R17',
    title: 'Host devices exposed',
    severity: 'medium',
    why: 'A host device in the container gives raw access to hardware or kernel interfaces, around every filesystem permission.',
    fix: 'Remove --device (compose: devices:) unless the program needs exactly that device.',
    refs: ['CIS 5.18'],
    check: (w: Workload) => w.devices.map((device) => evidence(device.field, device.value)),
  },
  {
    id: 'R19',
    title: 'Writable root filesystem',
    severity: 'low',
    why: 'A writable root filesystem lets an intruder change binaries and plant files that persist for the life of the container.',
    fix: 'Run with --read-only and mount tmpfs or volumes where it must write (compose: read_only: true).',
    refs: ['CIS 5.13', 'KSV-0014', 'C-0017'],
    check: (w) => when(w.readOnlyRootfs, (v) => !v),
  },
];
