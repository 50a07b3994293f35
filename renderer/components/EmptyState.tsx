import type { ReactNode } from 'react';
import './empty-state.css';

interface EmptyStateProps {
  readonly title: ReactNode;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  /** Which state this is, for tests: empty, no-match, no-engine, loading, error. */
  readonly kind: string;
  readonly busy?: boolean;
}

/** Where a list would be: what the situation is and what to do about it. */
export function EmptyState({ title, children, actions, kind, busy = false }: EmptyStateProps) {
  return (
    <section className="empty-state" data-testid="empty-state" data-kind={kind} aria-busy={busy || undefined}>
      <h2 className="empty-title">{title}</h2>
      {children ? <div className="empty-body">{children}</div> : null}
      {actions ? <div className="empty-actions">{actions}</div> : null}
    </section>
  );
}
