import type { Locator, Page } from '@playwright/test';
import type { ContainersPage } from './containers-page';

/** Selection, bulk actions, row menus, the remove dialog, project groups and state chips. */
export class LifecyclePage {
  readonly bar: Locator;
  readonly status: Locator;
  readonly summary: Locator;
  readonly failures: Locator;
  readonly removeDialog: Locator;
  readonly killDialog: Locator;
  readonly groupByProject: Locator;

  constructor(
    readonly page: Page,
    private readonly containers: ContainersPage,
  ) {
    this.bar = page.getByTestId('selection-bar');
    this.status = page.getByTestId('bulk-status');
    this.summary = page.getByTestId('bulk-summary');
    this.failures = page.getByTestId('bulk-failure');
    this.removeDialog = page.getByRole('dialog', { name: /^Remove / });
    this.killDialog = page.getByRole('dialog', { name: /^Send a signal to / });
    this.groupByProject = page.getByTestId('group-by-project');
  }

  async select(...names: string[]): Promise<void> {
    for (const name of names) await this.containers.row(name).getByRole('checkbox').check();
  }

  /** A button of the selection bar: start, stop, restart, kill, pause, unpause, remove. */
  action(action: string): Locator {
    return this.bar.getByTestId(`bulk-${action}`);
  }

  async stopSelected(graceSeconds: number): Promise<void> {
    await this.bar.getByTestId('bulk-grace').fill(String(graceSeconds));
    await this.action('stop').click();
  }

  /** Opens a row's ⋮ menu and picks an entry by its label ("Kill…", "Remove…", "Stop"). */
  async rowAction(name: string, label: string): Promise<void> {
    await this.containers.row(name).hover();
    await this.containers
      .row(name)
      .getByRole('button', { name: `Actions for ${name}` })
      .click();
    await this.page
      .getByRole('menu', { name: `Actions for ${name}` })
      .getByRole('menuitem', { name: label })
      .click();
  }

  async killWith(signal: string): Promise<void> {
    await this.killDialog.getByTestId('signal-select').selectOption(signal);
    await this.killDialog.getByRole('button', { name: /^Send / }).click();
  }

  removeItem(name: string): Locator {
    return this.removeDialog.locator(`[data-testid="remove-item"][data-name="${name}"]`);
  }

  group(project: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-project="${project}"]`);
  }

  chip(id: 'all' | 'running' | 'stopped' | 'unhealthy' | 'healthy' | 'starting'): Locator {
    return this.page.getByTestId(`status-${id}`);
  }
}
