/*
 * The normalized view the risk rules read. A Docker container maps into it now (from-docker.ts); a
 * Kubernetes pod's container maps into the same shape later. Every fact carries the field it was read
 * from in the source document (`HostConfig.Privileged`, `spec.containers[0].securityContext.privileged`),
 * so a finding names exactly what to look at. A fact the platform does not have is absent, and a rule
 * that needs it stays quiet rather than guessing.
 */

/** One value and the field of the source document it came from. */
export interface Fact<T> {
  readonly field: string;
  readonly value: T;
}

export type MountKind = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'other';

export interface WorkloadMount {
  /** Where the mount is described (`Mounts[2]`, `spec.volumes[1]`). */
  readonly field: string;
  readonly kind: MountKind;
  /** The host path (bind, hostPath) or the volume's host directory; '' when not known. */
  readonly source: string;
  readonly destination: string;
  readonly readOnly: boolean;
  /** rprivate, rshared, … ('' when the engine does not say). */
  readonly propagation: string;
  /** For a named or anonymous volume: its name, driver and driver options. */
  readonly volume?: {
    readonly name: string;
    readonly driver: string;
    readonly options: Readonly<Record<string, string>>;
  };
}

export interface WorkloadPort {
  readonly field: string;
  readonly containerPort: number;
  readonly protocol: string;
  /** The host address it is published on ('' = every interface). */
  readonly hostIp: string;
  readonly hostPort: number;
}

export interface WorkloadNetwork {
  readonly field: string;
  readonly name: string;
  readonly id: string;
}

/** A process of the running workload (from /top). */
export interface WorkloadProcess {
  readonly pid: number;
  readonly command: string;
}

/** A path the workload changed against its image (`docker diff`). */
export interface WorkloadChange {
  readonly path: string;
  readonly kind: 'added' | 'modified' | 'deleted';
}

/** An exec the engine still knows about, with how it runs. */
export interface WorkloadExec {
  readonly field: string;
  readonly privileged: boolean;
  /** The user it runs as ('' = the workload's own user). */
  readonly user: string;
}

export interface WorkloadImage {
  /** The reference the workload was created from (Config.Image, spec.containers[].image). */
  readonly ref: Fact<string>;
  /** The image's registry digests; absent when the image is no longer there to read. */
  readonly digests?: Fact<readonly string[]>;
  /** The image's labels (OCI annotations such as org.opencontainers.image.base.name). */
  readonly labels?: Fact<Readonly<Record<string, string>>>;
}

export interface Workload {
  readonly platform: 'docker' | 'kubernetes';
  readonly id: string;
  readonly name: string;
  readonly running: boolean;
  /** Who it belongs to (compose project, namespace); '' when nothing says. */
  readonly project: string;
  readonly image: WorkloadImage;
  readonly privileged: Fact<boolean>;
  readonly networkMode: Fact<string>;
  readonly pidMode: Fact<string>;
  readonly ipcMode: Fact<string>;
  readonly utsMode?: Fact<string>;
  readonly usernsMode?: Fact<string>;
  readonly capAdd: Fact<readonly string[]>;
  readonly capDrop: Fact<readonly string[]>;
  /** The user it runs as ('' = the image's default, root unless the image says otherwise). */
  readonly user: Fact<string>;
  /** Kubernetes runAsNonRoot: the kubelet refuses to start the container as root. */
  readonly nonRootEnforced?: Fact<boolean>;
  /** Security options as Docker spells them (no-new-privileges, seccomp=…, label=…). */
  readonly securityOpt: Fact<readonly string[]>;
  readonly appArmorProfile?: Fact<string>;
  /** `allowPrivilegeEscalation` / the no-new-privileges flag as one fact (true = escalation blocked). */
  readonly noNewPrivileges: Fact<boolean>;
  /** 'unconfined', 'runtime-default', or a profile name. */
  readonly seccomp: Fact<string>;
  readonly devices: readonly Fact<string>[];
  readonly mounts: readonly WorkloadMount[];
  readonly readOnlyRootfs: Fact<boolean>;
  /** Bytes; 0 = no limit. */
  readonly memoryLimit: Fact<number>;
  /** CPU limit and priority fields (0 = unset). */
  readonly cpu: readonly Fact<number>[];
  /** null when unset (Docker: null, 0 or -1 all mean unlimited). */
  readonly pidsLimit?: Fact<number | null>;
  /** The healthcheck test as configured (null = none; ["NONE"] = turned off). */
  readonly healthcheck: Fact<readonly string[] | null>;
  readonly restartPolicy?: Fact<{ readonly name: string; readonly maxRetries: number }>;
  readonly ports: readonly WorkloadPort[];
  readonly networks: readonly WorkloadNetwork[];
  readonly env: readonly Fact<string>[];
  /** Kubernetes only: whether a service account token is mounted (undefined = not said, so yes). */
  readonly serviceAccountToken?: Fact<boolean | undefined>;
  /** Present when it was read: running workloads only. */
  readonly processes?: readonly WorkloadProcess[];
  readonly changes?: readonly WorkloadChange[];
  readonly execs?: readonly WorkloadExec[];
}

/** A network as the host reports it, for the flat-network rule. */
export interface HostNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly internal: boolean;
  readonly options: Readonly<Record<string, string>>;
}

/** What rules that compare workloads see: every workload of the host and its networks. */
export interface HostView {
  readonly workloads: readonly Workload[];
  readonly networks: readonly HostNetwork[];
  /** Registries whose images count as trusted (R30), besides Docker Hub's official images. */
  readonly trustedRegistries: readonly string[];
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One field and its value that made a rule fire; `severity` raises the finding above the rule's base. */
export interface Evidence {
  readonly field: string;
  readonly value: string;
  readonly severity?: Severity;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  /** The base severity; evidence may raise it (R03 on `/`, R11 with SYS_ADMIN). */
  readonly severity: Severity;
  readonly why: string;
  readonly fix: string;
  readonly refs: readonly string[];
  /** Rules that need data a workload may not have: why they could not be checked, or undefined. */
  readonly unchecked?: (workload: Workload) => string | undefined;
  check(workload: Workload, host: HostView): Evidence[];
}
