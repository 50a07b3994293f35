import type { Rule } from '../workload';
import { imageRules } from './images';
import { mountRules } from './mounts';
import { networkRules } from './network';
import { privilegeRules } from './privileges';
import { resourceRules } from './resources';
import { runtimeRules } from './runtime';
import { secretRules } from './secrets';

/** The 35 risk rules of the reference (domain.md §5), in id order. */
export const RULES: readonly Rule[] = [
  ...privilegeRules,
  ...mountRules,
  ...networkRules,
  ...resourceRules,
  ...imageRules,
  ...runtimeRules,
  ...secretRules,
].sort((a, b) => a.id.localeCompare(b.id));
