import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EngineProblem } from './engine-problems';
import { UnavailableBanner } from './UnavailableBanner';

const problem: EngineProblem = {
  connectionId: 'remote',
  name: 'Remote',
  endpoint: 'tcp://10.0.0.5:2376',
  reason: 'Nothing is listening at tcp://10.0.0.5:2376 (connection refused).',
  hint: 'Is the engine running?',
  retryable: true,
  reconnecting: false,
};

describe('UnavailableBanner', () => {
  it('offers Retry for an engine the core dials', async () => {
    const onRetry = vi.fn(async () => false);
    render(<UnavailableBanner problem={problem} onRetry={onRetry} />);
    const banner = screen.getByTestId('unavailable-banner');
    await userEvent.click(within(banner).getByRole('button', { name: 'Retry Remote' }));
    expect(onRetry).toHaveBeenCalledWith('remote');
    expect(within(banner).queryByTestId('not-retryable')).toBeNull();
  });

  it('offers no Retry for an engine the core never dials, and says the hint is what to do', () => {
    const onRetry = vi.fn(async () => false);
    render(
      <UnavailableBanner
        problem={{
          ...problem,
          endpoint: 'ssh://me@box',
          reason: 'SSH engines are not supported in this build yet.',
          hint: 'Expose it over tcp:// with TLS.',
          retryable: false,
        }}
        onRetry={onRetry}
      />,
    );
    const banner = screen.getByTestId('unavailable-banner');
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(within(banner).getByTestId('unavailable-hint').textContent).toContain('Expose it over tcp://');
    expect(within(banner).getByTestId('not-retryable').textContent).toContain(
      'Retrying cannot help here: the advice above says what to change.',
    );
  });

  it('says a lost engine is being reconnected, counts down to the next try, and offers Retry now', async () => {
    const onRetry = vi.fn(async () => true);
    render(
      <UnavailableBanner
        problem={{ ...problem, reconnecting: true, retryAt: Date.now() + 1_600 }}
        onRetry={onRetry}
      />,
    );
    const banner = screen.getByTestId('unavailable-banner');
    expect(banner.textContent).toContain('Reconnecting to Remote');
    expect(within(banner).getByTestId('reconnecting-note').textContent).toMatch(
      /Next try in 2 s\. Its containers below are as last seen\./,
    );
    await userEvent.click(within(banner).getByRole('button', { name: 'Retry Remote' }));
    expect(within(banner).getByRole('button').textContent).toBe('Retry now');
    expect(onRetry).toHaveBeenCalledWith('remote');
  });
});
