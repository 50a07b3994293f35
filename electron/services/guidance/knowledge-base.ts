import { describeReload, findPrograms } from './knowledge/index';
import type { Knowledge } from './knowledge-port';

/** The knowledge base of knowledge/ behind the port guidance uses. */
export const KNOWLEDGE_BASE: Knowledge = { findPrograms, describeReload };
