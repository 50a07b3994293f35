import type { ReactNode } from 'react';
import './banner.css';

export type Tone = 'info' | 'warning' | 'danger';

interface BannerProps {
  readonly tone: Tone;
  readonly title: ReactNode;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  readonly testId?: string;
  /** Extra data-* attributes tests and page objects select on. */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
  /** alert interrupts a screen reader; status waits for a pause. */
  readonly role?: 'alert' | 'status';
}

/** A strip above the content that says what is wrong and what to do, without blocking the page. */
export function Banner({ tone, title, children, actions, testId, data, role = 'status' }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={role} data-testid={testId} {...data}>
      <div className="banner-text">
        <div className="banner-title">{title}</div>
        {children ? <div className="banner-body">{children}</div> : null}
      </div>
      {actions ? <div className="banner-actions">{actions}</div> : null}
    </div>
  );
}
