// The simulated user's permissions: everything except the deny rules, checked on every endpoint and
// answered through SelfSubjectAccessReview with the same rules.
import { ApiError, badRequest, type Json } from './status';
import { USER_NAME } from './kubeconfig';

export interface DenyRule {
  readonly verb: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
}

export interface Access {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

const matches = (rule: string | undefined, value: string | undefined): boolean =>
  rule === undefined || rule === '*' || rule === (value ?? '');

export class Rbac {
  private rules: readonly DenyRule[];

  constructor(rules: readonly DenyRule[] | undefined) {
    this.rules = rules ?? [];
  }

  set(rules: readonly DenyRule[] | undefined): void {
    this.rules = rules ?? [];
  }

  allowed(access: Access): boolean {
    return !this.rules.some(
      (rule) =>
        matches(rule.verb, access.verb) &&
        matches(rule.resource, access.resource) &&
        (rule.subresource ?? '') === (access.subresource ?? '') &&
        // A namespace rule also denies the all-namespaces request, which needs the right everywhere.
        (rule.namespace === undefined ||
          access.namespace === undefined ||
          rule.namespace === access.namespace),
    );
  }

  /** Throws the 403 Forbidden Status kube-apiserver answers when the access is denied. */
  check(access: Access): void {
    if (this.allowed(access)) return;
    const full = access.subresource ? `${access.resource}/${access.subresource}` : access.resource;
    const subject = access.name ? `${access.resource} "${access.name}"` : access.resource;
    const scope = access.namespace ? `in the namespace "${access.namespace}"` : 'at the cluster scope';
    throw new ApiError(
      403,
      `${subject} is forbidden: User "${USER_NAME}" cannot ${access.verb} resource "${full}" in API group "${access.group}" ${scope}`,
      'Forbidden',
      { name: access.name, group: access.group, kind: access.resource },
    );
  }

  /** Answers a SelfSubjectAccessReview body (authorization.k8s.io/v1). */
  review(body: Json): Json {
    const spec = body.spec as Json | undefined;
    const attrs = spec?.resourceAttributes as Record<string, string | undefined> | undefined;
    if (!attrs && !spec?.nonResourceAttributes) {
      throw new ApiError(
        422,
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        'Invalid',
      );
    }
    if (!spec || typeof spec !== 'object') throw badRequest('spec is required');
    const allowed = attrs
      ? this.allowed({
          verb: attrs.verb ?? '',
          group: attrs.group ?? '',
          resource: attrs.resource ?? '',
          subresource: attrs.subresource || undefined,
          namespace: attrs.namespace || undefined,
          name: attrs.name || undefined,
        })
      : true;
    return {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: allowed
        ? {
            allowed: true,
            reason:
              'RBAC: allowed by ClusterRoleBinding "bosun-sim" of ClusterRole "cluster-admin" to User "bosun-sim"',
          }
        : { allowed: false },
    };
  }
}
