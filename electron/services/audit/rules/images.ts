import type { Evidence, HostView, Rule, Workload } from '../workload';
import { evidence } from './evidence';

const BASE_LABEL = 'org.opencontainers.image.base.name';
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export interface ImageRef {
  /** '' for Docker Hub written without a registry. */
  readonly registry: string;
  /** The path after the registry (library/nginx, myorg/app). */
  readonly path: string;
  /** '' when the reference has none (it means latest). */
  readonly tag: string;
  readonly digest: string;
}

/** Splits an image reference as the engine resolves it ([registry/]path[:tag][@digest]). */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : '';
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  const repo = colon > slash ? name.slice(0, colon) : name;
  const first = repo.split('/')[0] ?? '';
  const hasRegistry =
    repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: hasRegistry ? first : '',
    path: hasRegistry ? repo.slice(first.length + 1) : repo,
    tag,
    digest,
  };
}

/** An image id (sha256:… or bare hex) names content, so it cannot drift. */
const isImageId = (ref: string): boolean => /^(sha256:)?[a-f0-9]{64}$/.test(ref);

function mutable(w: Workload): Evidence[] {
  const ref = w.image.ref.value;
  if (!ref || isImageId(ref)) return [];
  const parsed = parseImageRef(ref);
  if (parsed.digest.startsWith('sha256:')) return [];
  const out: Evidence[] = [];
  if (parsed.tag === '' || parsed.tag === 'latest')
    out.push(evidence(w.image.ref.field, parsed.tag ? ref : `${ref} (no tag: latest)`));
  const digests = w.image.digests;
  if (digests && digests.value.length === 0)
    out.push(evidence(digests.field, '[] (no registry digest to pin)'));
  return out;
}

function official(parsed: ImageRef): boolean {
  if (parsed.registry !== '' && !DOCKER_HUB.has(parsed.registry)) return false;
  return (
    !parsed.path.includes('/') || (parsed.path.startsWith('library/') && parsed.path.split('/').length === 2)
  );
}

function trusted(ref: string, parsed: ImageRef, host: HostView): boolean {
  const full = parsed.registry ? ref : `docker.io/${ref}`;
  return host.trustedRegistries.some((prefix) => {
    const p = prefix.replace(/\/+$/, '');
    return full === p || full.startsWith(`${p}/`) || full.startsWith(`${p}:`);
  });
}

function untrusted(w: Workload, host: HostView): Evidence[] {
  const ref = w.image.ref.value;
  if (!ref || isImageId(ref)) return [];
  const parsed = parseImageRef(ref);
  if (official(parsed) || trusted(ref, parsed, host)) return [];
  const labels = w.image.labels;
  const base = labels?.value[BASE_LABEL];
  if (base) {
    return [
      evidence(w.image.ref.field, `${ref} (not a Docker Hub official image, no allowlisted registry)`),
      evidence(`${labels.field}["${BASE_LABEL}"]`, base),
    ];
  }
  const missing = labels
    ? [evidence(labels.field, `no ${BASE_LABEL} label: the base image is not declared`, 'medium')]
    : [];
  return [
    evidence(
      w.image.ref.field,
      `${ref} (not a Docker Hub official image, no allowlisted registry)`,
      'medium',
    ),
    ...missing,
  ];
}

/** Where the image comes from and whether it can change under the container. */
export const imageRules: readonly Rule[] = [
  {
    id: 'R29',
    title: 'Mutable image reference',
    severity: 'medium',
    why: 'A tag such as latest can point at a different image tomorrow: a recreate or a new host silently runs something else.',
    fix: 'Pin the image by digest (image: name:1.2.3@sha256:…) and update it on purpose.',
    refs: ['KSV-0013', 'C-0075', 'CIS 5.28'],
    check: mutable,
  },
  {
    id: 'R30',
    title: 'Image not from a trusted or official base',
    severity: 'info',
    why: 'Images outside the official ones and your own registries may carry anything; images that do not declare their base cannot be traced back to one.',
    fix: 'Build from official images (docker.io/library/*) or your own registry, and label the base (org.opencontainers.image.base.name).',
    refs: ['CIS 4.2', 'KSV-0034', 'KSV-0125', 'C-0078'],
    check: untrusted,
  },
];
