import { d, plain, type Case } from './case-kit';

/** Cases of the resources rules. */
export const resourcesCases: Record<string, Case> = {
  R20: {
    fires: [
      { name: 'no limit', make: () => plain(), severity: 'medium', field: 'HostConfig.Memory', value: '0' },
    ],
    quiet: [{ name: '256 MiB', make: () => d() }],
  },
  R21: {
    fires: [
      { name: 'neither', make: () => plain(), severity: 'low', field: 'HostConfig.CpuShares', value: '0' },
    ],
    quiet: [
      { name: '--cpus', make: () => d() },
      { name: '--cpu-shares', make: () => d({ HostConfig: { NanoCpus: 0, CpuShares: 512 } }) },
    ],
  },
  R22: {
    fires: [
      { name: 'null', make: () => plain(), severity: 'low', field: 'HostConfig.PidsLimit', value: 'null' },
      {
        name: '-1',
        make: () => d({ HostConfig: { PidsLimit: -1 } }),
        severity: 'low',
        field: 'HostConfig.PidsLimit',
        value: 'null',
      },
    ],
    quiet: [{ name: '200', make: () => d() }],
  },
  R23: {
    fires: [
      {
        name: 'none at all',
        make: () => plain(),
        severity: 'low',
        field: 'Config.Healthcheck.Test',
        value: 'null',
      },
      {
        name: "the image's turned off",
        make: () => d({ Config: { Healthcheck: { Test: ['NONE'] } } }),
        severity: 'low',
        field: 'Config.Healthcheck.Test',
        value: 'NONE',
      },
    ],
    quiet: [{ name: 'a CMD check', make: () => d() }],
  },
  R24: {
    fires: [
      { name: 'no', make: () => plain(), severity: 'info', field: 'HostConfig.RestartPolicy', value: '"no"' },
      {
        name: 'always',
        make: () => d({ HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } } }),
        severity: 'info',
        field: 'HostConfig.RestartPolicy',
        value: 'always',
      },
    ],
    quiet: [{ name: 'on-failure:5', make: () => d() }],
  },
};
