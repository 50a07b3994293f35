import { hostOf, inspectDoc, workloadOf } from '../inspect-fixture';
import { alone, d, type Case } from './case-kit';

/** Cases of the images rules. */
export const imagesCases: Record<string, Case> = {
  R29: {
    fires: [
      {
        name: 'no tag',
        make: () => d({ Config: { Image: 'nginx' } }),
        severity: 'medium',
        field: 'Config.Image',
        value: 'nginx (no tag: latest)',
      },
      {
        name: ':latest',
        make: () => d({ Config: { Image: 'registry.example.com:5000/team/api:latest' } }),
        severity: 'medium',
        field: 'Config.Image',
        value: ':latest',
      },
      {
        name: 'a tag with no registry digest',
        make: () =>
          alone(
            workloadOf(inspectDoc(), {
              images: new Map([[inspectDoc()['Image'] as string, { repoDigests: [], labels: {} }]]),
            }),
          ),
        severity: 'medium',
        field: 'Image(28dc0fa88340).RepoDigests',
        value: '[]',
      },
    ],
    quiet: [
      { name: 'pinned by digest', make: () => d() },
      {
        name: 'a version tag from a registry',
        make: () =>
          alone(
            workloadOf(inspectDoc({ Config: { Image: 'nginx:1.27' } }), {
              images: new Map([
                [inspectDoc()['Image'] as string, { repoDigests: ['nginx@sha256:2d19'], labels: {} }],
              ]),
            }),
          ),
      },
    ],
  },
  R30: {
    fires: [
      {
        name: 'a third-party image with no declared base',
        make: () =>
          alone(
            workloadOf(inspectDoc({ Config: { Image: 'ghcr.io/acme/app:1.2' } }), {
              images: new Map([[inspectDoc()['Image'] as string, { repoDigests: [], labels: {} }]]),
            }),
          ),
        severity: 'medium',
        field: 'Image(28dc0fa88340).Config.Labels',
        value: 'no org.opencontainers.image.base.name',
      },
      {
        name: 'a declared base is only info',
        make: () =>
          alone(
            workloadOf(inspectDoc({ Config: { Image: 'acme/app:1.2' } }), {
              images: new Map([
                [
                  inspectDoc()['Image'] as string,
                  {
                    repoDigests: [],
                    labels: { 'org.opencontainers.image.base.name': 'docker.io/library/debian:12' },
                  },
                ],
              ]),
            }),
          ),
        severity: 'info',
        field: 'Image(28dc0fa88340).Config.Labels["org.opencontainers.image.base.name"]',
        value: 'debian:12',
      },
    ],
    quiet: [
      { name: 'official', make: () => d({ Config: { Image: 'docker.io/library/postgres:16' } }) },
      {
        name: 'an allowlisted registry',
        make: () => {
          const w = workloadOf(inspectDoc({ Config: { Image: 'ghcr.io/acme/app:1.2' } }));
          return { w, host: { ...hostOf([w]), trustedRegistries: ['ghcr.io/acme'] } };
        },
      },
    ],
  },
};
