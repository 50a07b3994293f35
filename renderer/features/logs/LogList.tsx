import { FixedLogList } from './FixedLogList';
import type { LogListProps } from './log-list-shared';
import { WrappedLogList } from './WrappedLogList';

export { ROW_HEIGHT, type LogListHandle } from './log-list-shared';

/**
 * The lines, virtualized: only the rows in view are in the page, whatever the buffer holds. Unwrapped
 * rows have one height, so their positions are arithmetic and an update costs the same at 100 lines
 * as at 100,000; wrapped rows vary and are measured by TanStack Virtual.
 */
export function LogList(props: LogListProps) {
  return props.wrap ? <WrappedLogList {...props} /> : <FixedLogList {...props} />;
}
