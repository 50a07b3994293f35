import { Component, type ReactNode } from 'react';
import { Banner } from '../../components/Banner';

interface State {
  readonly error: Error | undefined;
}

/**
 * A tab that fails to load (a chunk missing after an update) or to render says so in its own space;
 * the table and the other tabs stay usable.
 */
export class TabErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="details-error">
        <Banner
          tone="danger"
          title="This tab could not be shown"
          actions={
            <button type="button" className="button" onClick={() => this.setState({ error: undefined })}>
              Try again
            </button>
          }
        >
          {error.message}. Reload the window if it keeps happening.
        </Banner>
      </div>
    );
  }
}
