import type { Locator, Page } from '@playwright/test';

/** The sidebar of engines and its "Add connection" form. */
export class ConnectionsPanel {
  readonly items: Locator;
  readonly addButton: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.items = page.getByTestId('connection-item');
    this.addButton = page.getByTestId('add-connection');
    this.form = page.getByRole('form', { name: 'Add connection' });
  }

  item(name: string): Locator {
    return this.page.locator(`[data-testid="connection-item"][data-name="${name}"]`);
  }

  /** Asks to remove a user-added connection; returns the confirmation that says what will happen. */
  async startRemoving(name: string): Promise<Locator> {
    const item = this.item(name);
    // The button shows on hover, as a person would find it.
    await item.hover();
    await item.getByRole('button', { name: `Remove ${name}` }).click();
    return item.getByRole('group', { name: `Remove ${name}?` });
  }

  async add(
    name: string,
    endpoint: string,
    ssh?: { identityFile: string; remoteSocket: string },
  ): Promise<void> {
    await this.addButton.click();
    await this.form.getByLabel('Name').fill(name);
    await this.form.getByLabel('Endpoint').fill(endpoint);
    if (ssh) {
      await this.form.getByLabel('Identity file').fill(ssh.identityFile);
      await this.form.getByLabel('Remote socket').fill(ssh.remoteSocket);
    }
    await this.form.getByRole('button', { name: 'Add' }).click();
  }
}
