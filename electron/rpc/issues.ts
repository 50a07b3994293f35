import type { z } from 'zod';

/** Zod issues reduced to what a person (or a form) needs: where, and what is wrong. Bounded in size. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.slice(0, 20).map((issue) => ({
    path: issue.path
      .map((part) => String(part))
      .join('.')
      .slice(0, 200),
    message: issue.message.slice(0, 300),
  }));
}
