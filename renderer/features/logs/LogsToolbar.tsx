import { ChoiceField, type Choice } from './ChoiceField';
import { LogToggle } from './LogToggle';
import { TimeBoundField } from './TimeBoundField';

export type TailChoice = '100' | '1000' | '10000' | 'all';
export type StreamChoice = 'both' | 'stdout' | 'stderr';

export interface LogSettings {
  readonly tail: TailChoice;
  readonly streams: StreamChoice;
  readonly sinceText: string;
  readonly since: string | undefined;
  readonly untilText: string;
  readonly until: string | undefined;
  readonly timestamps: boolean;
  readonly wrap: boolean;
}

export const DEFAULT_SETTINGS: LogSettings = {
  tail: '1000',
  streams: 'both',
  sinceText: '',
  since: undefined,
  untilText: '',
  until: undefined,
  timestamps: false,
  wrap: false,
};

interface LogsToolbarProps {
  readonly settings: LogSettings;
  readonly onChange: (change: Partial<LogSettings>) => void;
  readonly follow: boolean;
  /** Why following is not possible now (an end time, newer lines let go); undefined when it is. */
  readonly followBlocked: string | undefined;
  readonly onFollow: (follow: boolean) => void;
  readonly onDownload: () => void;
  readonly downloading: boolean;
}

const TAIL_CHOICES: ReadonlyArray<Choice<TailChoice>> = [
  ['100', 'last 100'],
  ['1000', 'last 1,000'],
  ['10000', 'last 10,000'],
  ['all', 'all'],
];
const STREAM_CHOICES: ReadonlyArray<Choice<StreamChoice>> = [
  ['both', 'stdout + stderr'],
  ['stdout', 'stdout only'],
  ['stderr', 'stderr only'],
];

/** What to read (how many lines, which streams, which time range) and how to show it. */
export function LogsToolbar({
  settings,
  onChange,
  follow,
  followBlocked,
  onFollow,
  onDownload,
  downloading,
}: LogsToolbarProps) {
  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log options">
      <ChoiceField
        label="Lines"
        value={settings.tail}
        choices={TAIL_CHOICES}
        onChange={(tail) => onChange({ tail })}
      />
      <ChoiceField
        label="Streams"
        value={settings.streams}
        choices={STREAM_CHOICES}
        onChange={(streams) => onChange({ streams })}
      />
      <TimeBoundField
        label="Since"
        applied={settings.sinceText}
        onApply={(sinceText, since) => onChange({ sinceText, since })}
      />
      <TimeBoundField
        label="Until"
        applied={settings.untilText}
        onApply={(untilText, until) => onChange({ untilText, until })}
      />
      <span className="log-toolbar-group">
        <LogToggle
          pressed={follow && followBlocked === undefined}
          disabled={followBlocked !== undefined}
          title={followBlocked ?? 'Keep the newest line in view (End)'}
          onToggle={() => onFollow(!follow)}
        >
          Follow
        </LogToggle>
        <LogToggle
          pressed={settings.timestamps}
          onToggle={() => onChange({ timestamps: !settings.timestamps })}
        >
          Timestamps
        </LogToggle>
        <LogToggle pressed={settings.wrap} onToggle={() => onChange({ wrap: !settings.wrap })}>
          Wrap
        </LogToggle>
        <button
          type="button"
          className="button"
          disabled={downloading}
          title="Save the whole log (within since/until and the chosen streams) to a file, with timestamps when they are shown"
          onClick={onDownload}
        >
          Download
        </button>
      </span>
    </div>
  );
}
