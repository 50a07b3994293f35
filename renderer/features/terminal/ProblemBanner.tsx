import { Banner } from '../../components/Banner';
import type { TerminalTab } from './terminals-store';
import { useTerminalsStore } from './useTerminals';

/** Why the tab has no live session and what to do: reopen (same screen), or the toolbox. */
export function ProblemBanner({ tab }: { tab: TerminalTab }) {
  const store = useTerminalsStore();
  const { problem } = tab;
  if (!problem) return null;
  return (
    <div className="term-problem">
      <Banner
        tone={problem.tone}
        title={problem.title}
        role={problem.kind === 'ended' ? 'status' : 'alert'}
        testId="terminal-problem"
        data={{ 'data-kind': problem.kind }}
        actions={
          <>
            {problem.offerToolbox ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => store.openToolbox(tab.id)}
              >
                Open the toolbox
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => store.reopen(tab.id)}>
              {problem.kind === 'failed' ? 'Try again' : 'Reopen'}
            </button>
          </>
        }
      >
        {problem.message}
        {problem.hint ? <> {problem.hint}</> : null}
      </Banner>
    </div>
  );
}
