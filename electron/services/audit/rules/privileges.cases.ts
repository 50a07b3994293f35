import { inspectDoc, workloadOf } from '../inspect-fixture';
import { alone, d, plain, type Case } from './case-kit';

/** Cases of the privileges rules. */
export const privilegesCases: Record<string, Case> = {
  R01: {
    fires: [
      {
        name: 'privileged',
        make: () => d({ HostConfig: { Privileged: true } }),
        severity: 'critical',
        field: 'HostConfig.Privileged',
        value: 'true',
      },
    ],
    quiet: [{ name: 'not privileged', make: () => d() }],
  },
  R08: {
    fires: [
      {
        name: 'host PID',
        make: () => d({ HostConfig: { PidMode: 'host' } }),
        severity: 'high',
        field: 'HostConfig.PidMode',
        value: 'host',
      },
    ],
    quiet: [
      {
        name: "another container's PID namespace",
        make: () => d({ HostConfig: { PidMode: 'container:abc' } }),
      },
    ],
  },
  R09: {
    fires: [
      {
        name: 'host IPC',
        make: () => d({ HostConfig: { IpcMode: 'host' } }),
        severity: 'high',
        field: 'HostConfig.IpcMode',
        value: 'host',
      },
    ],
    quiet: [{ name: 'shareable', make: () => d({ HostConfig: { IpcMode: 'shareable' } }) }],
  },
  R10: {
    fires: [
      {
        name: 'host UTS',
        make: () => d({ HostConfig: { UTSMode: 'host' } }),
        severity: 'medium',
        field: 'HostConfig.UTSMode',
        value: 'host',
      },
      {
        name: 'host userns',
        make: () => d({ HostConfig: { UsernsMode: 'host' } }),
        severity: 'medium',
        field: 'HostConfig.UsernsMode',
        value: 'host',
      },
    ],
    quiet: [{ name: 'private', make: () => d() }],
  },
  R11: {
    fires: [
      {
        name: 'NET_ADMIN',
        make: () => d({ HostConfig: { CapAdd: ['CHOWN', 'NET_ADMIN'] } }),
        severity: 'high',
        field: 'HostConfig.CapAdd[1]',
        value: 'NET_ADMIN',
      },
      {
        name: 'SYS_ADMIN is critical',
        make: () => d({ HostConfig: { CapAdd: ['CAP_SYS_ADMIN'] } }),
        severity: 'critical',
        field: 'HostConfig.CapAdd[0]',
        value: 'CAP_SYS_ADMIN',
      },
    ],
    quiet: [
      { name: 'harmless ones', make: () => d({ HostConfig: { CapAdd: ['CHOWN', 'NET_BIND_SERVICE'] } }) },
    ],
  },
  R12: {
    fires: [
      {
        name: 'nothing dropped',
        make: () => plain(),
        severity: 'low',
        field: 'HostConfig.CapDrop',
        value: '[]',
      },
    ],
    quiet: [
      { name: 'ALL dropped', make: () => d() },
      { name: 'all in lower case', make: () => d({ HostConfig: { CapDrop: ['all'] } }) },
    ],
  },
  R13: {
    fires: [
      {
        name: "the image's default user",
        make: () => plain(),
        severity: 'medium',
        field: 'Config.User',
        value: '',
      },
      {
        name: '0:0',
        make: () => d({ Config: { User: '0:0' } }),
        severity: 'medium',
        field: 'Config.User',
        value: '0:0',
      },
      {
        name: 'root',
        make: () => d({ Config: { User: 'root' } }),
        severity: 'medium',
        field: 'Config.User',
        value: 'root',
      },
    ],
    quiet: [
      { name: 'uid 1000', make: () => d() },
      { name: 'nobody', make: () => d({ Config: { User: 'nobody' } }) },
      {
        name: 'Kubernetes runAsNonRoot',
        make: () =>
          alone({
            ...workloadOf(inspectDoc()),
            nonRootEnforced: { field: 'securityContext.runAsNonRoot', value: true },
          }),
      },
    ],
  },
  R14: {
    fires: [
      {
        name: 'no security options',
        make: () => plain(),
        severity: 'medium',
        field: 'HostConfig.SecurityOpt',
        value: '[]',
      },
      {
        name: 'explicitly false',
        make: () => d({ HostConfig: { SecurityOpt: ['no-new-privileges:false'] } }),
        severity: 'medium',
        field: 'HostConfig.SecurityOpt',
        value: 'no-new-privileges:false',
      },
    ],
    quiet: [
      { name: 'no-new-privileges:true', make: () => d() },
      { name: 'bare flag', make: () => d({ HostConfig: { SecurityOpt: ['no-new-privileges'] } }) },
    ],
  },
  R15: {
    fires: [
      {
        name: 'unconfined',
        make: () => d({ HostConfig: { SecurityOpt: ['no-new-privileges', 'seccomp=unconfined'] } }),
        severity: 'medium',
        field: 'HostConfig.SecurityOpt',
        value: 'unconfined',
      },
    ],
    quiet: [
      {
        name: 'a custom profile',
        make: () =>
          d({
            HostConfig: { SecurityOpt: ['no-new-privileges', 'seccomp={"defaultAction":"SCMP_ACT_ERRNO"}'] },
          }),
      },
    ],
  },
  R16: {
    fires: [
      {
        name: 'AppArmor unconfined',
        make: () => d({ AppArmorProfile: 'unconfined' }),
        severity: 'medium',
        field: 'AppArmorProfile',
        value: 'unconfined',
      },
      {
        name: 'SELinux labels off',
        make: () => d({ HostConfig: { SecurityOpt: ['no-new-privileges', 'label=disable'] } }),
        severity: 'medium',
        field: 'HostConfig.SecurityOpt[1]',
        value: 'label=disable',
      },
    ],
    quiet: [
      { name: 'docker-default', make: () => d() },
      { name: 'no AppArmor on the host', make: () => d({ AppArmorProfile: '' }) },
    ],
  },
  R17: {
    fires: [
      {
        name: '/dev/fuse',
        make: () =>
          d({
            HostConfig: {
              Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
            },
          }),
        severity: 'medium',
        field: 'HostConfig.Devices[0].PathOnHost',
        value: '/dev/fuse',
      },
    ],
    quiet: [{ name: 'none', make: () => d() }],
  },
  R19: {
    fires: [
      {
        name: 'writable',
        make: () => plain(),
        severity: 'low',
        field: 'HostConfig.ReadonlyRootfs',
        value: 'false',
      },
    ],
    quiet: [{ name: 'read-only', make: () => d() }],
  },
};
