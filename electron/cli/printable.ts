// Names, statuses and error texts come from engines, and a hostile engine could put terminal control
// sequences in them (retitle the window, write the clipboard, hide text). What the CLI prints for
// people shows control characters as U+FFFD instead; --json output is escaped by JSON itself.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

export function printable(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}
