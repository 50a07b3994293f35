export const SECTIONS = [
  { id: 'containers', label: 'Containers' },
  { id: 'images', label: 'Images' },
  { id: 'volumes', label: 'Volumes' },
  { id: 'networks', label: 'Networks' },
  { id: 'disk', label: 'Disk use' },
  { id: 'maps', label: 'Maps' },
  { id: 'pods', label: 'Pods' },
] as const;

export type Section = (typeof SECTIONS)[number]['id'];

/**
 * The workspaces, under the brand: plain buttons in a nav (Tab reaches each, Enter or Space opens it,
 * the current one is announced as the current page); the arrow keys move between them too.
 */
export function SectionNav({
  current,
  onChange,
}: {
  current: Section;
  onChange: (section: Section) => void;
}) {
  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  return (
    <nav className="sections" aria-label="Sections" onKeyDown={onKeyDown}>
      {SECTIONS.map((section) => (
        <button
          key={section.id}
          type="button"
          className="section-button"
          aria-current={section.id === current ? 'page' : undefined}
          onClick={() => onChange(section.id)}
          data-testid={`section-${section.id}`}
        >
          {section.label}
        </button>
      ))}
    </nav>
  );
}
