export interface VolumePruneContext {
  readonly all: boolean;
  readonly label?: string | undefined;
  readonly apiVersion: string;
  /** The engine (API 1.42+) keeps named volumes unless told `all`. */
  readonly keepsNamed: boolean;
  /** Bosun removes the anonymous volumes one by one (an older engine would prune named ones too). */
  readonly oneByOne: boolean;
  readonly sizesFailed: boolean;
}

/** What a volume prune touches and what it does not on this engine, for the confirmation and the CLI. */
export function volumePruneNotes(context: VolumePruneContext): string[] {
  const notes: string[] = [];
  if (context.all) {
    notes.push('Every volume no container mounts goes, named ones included: their data is lost for good.');
  } else {
    notes.push(
      'Only anonymous volumes (made for a container, without a name) that no container mounts go; named volumes stay. "All unused" removes those too.',
    );
  }
  if (context.oneByOne) {
    notes.push(
      `This engine (API ${context.apiVersion}) would prune named volumes too, so Bosun removes the anonymous ones one by one (the engine does not report the space that frees).`,
    );
  } else if (!context.keepsNamed) {
    notes.push(`This engine (API ${context.apiVersion}) prunes named and anonymous volumes alike.`);
  } else {
    notes.push(
      `This engine (API ${context.apiVersion}) counts as anonymous only volumes it labelled so; unnamed volumes from before an upgrade count as named.`,
    );
  }
  notes.push('Volumes of stopped containers stay: a container still holds them until it is removed.');
  if (context.sizesFailed)
    notes.push('The engine did not report volume sizes, so the space freed is unknown.');
  if (context.label) notes.push(`Only volumes labelled ${context.label}.`);
  return notes;
}
