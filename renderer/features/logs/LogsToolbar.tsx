import type { ReactNode } from 'react';
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

function Toggle(props: {
  readonly pressed: boolean;
  readonly onToggle: () => void;
  readonly disabled?: boolean;
  readonly title?: string;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`button log-toggle${props.pressed ? ' log-toggle-on' : ''}`}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      title={props.title}
      onClick={props.onToggle}
    >
      {props.children}
    </button>
  );
}

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
      <label className="log-label">
        Lines
        <select
          className="input log-select"
          value={settings.tail}
          onChange={(event) => onChange({ tail: event.target.value as TailChoice })}
        >
          <option value="100">last 100</option>
          <option value="1000">last 1,000</option>
          <option value="10000">last 10,000</option>
          <option value="all">all</option>
        </select>
      </label>
      <label className="log-label">
        Streams
        <select
          className="input log-select"
          value={settings.streams}
          onChange={(event) => onChange({ streams: event.target.value as StreamChoice })}
        >
          <option value="both">stdout + stderr</option>
          <option value="stdout">stdout only</option>
          <option value="stderr">stderr only</option>
        </select>
      </label>
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
        <Toggle
          pressed={follow && followBlocked === undefined}
          disabled={followBlocked !== undefined}
          title={followBlocked ?? 'Keep the newest line in view (End)'}
          onToggle={() => onFollow(!follow)}
        >
          Follow
        </Toggle>
        <Toggle pressed={settings.timestamps} onToggle={() => onChange({ timestamps: !settings.timestamps })}>
          Timestamps
        </Toggle>
        <Toggle pressed={settings.wrap} onToggle={() => onChange({ wrap: !settings.wrap })}>
          Wrap
        </Toggle>
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
