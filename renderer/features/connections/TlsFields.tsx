import { TextField } from '../../components/TextField';
import { TLS_PARTS, type TlsPart, type TlsPaths, type TlsProblems } from './tls-validation';

const LABELS: Record<TlsPart, string> = {
  ca: 'CA certificate',
  cert: 'Client certificate',
  key: 'Client key',
};

const PLACEHOLDERS: Record<TlsPart, string> = {
  ca: '/home/me/.docker/ca.pem',
  cert: '/home/me/.docker/cert.pem',
  key: '/home/me/.docker/key.pem',
};

interface TlsFieldsProps {
  readonly idPrefix: string;
  readonly paths: TlsPaths;
  readonly problems: TlsProblems;
  readonly onChange: (part: TlsPart, value: string) => void;
}

/**
 * The TLS files of a tcp:// engine, as paths typed by hand. They are read by the core, on the machine
 * where Bosun runs; the Electron window will get a file picker beside them.
 */
export function TlsFields({ idPrefix, paths, problems, onChange }: TlsFieldsProps) {
  return (
    <fieldset className="tls-fields" data-testid="tls-fields">
      <legend className="field-label">TLS (optional)</legend>
      <div className="field-hint">
        Full paths of the files <code>docker --tlsverify</code> uses. Leave all three empty for plain TCP.
      </div>
      {TLS_PARTS.map((part) => (
        <TextField
          key={part}
          id={`${idPrefix}-tls-${part}`}
          label={LABELS[part]}
          value={paths[part]}
          onChange={(value) => onChange(part, value)}
          error={problems[part]}
          placeholder={PLACEHOLDERS[part]}
          mono
          maxLength={4096}
          testId={`add-connection-tls-${part}`}
        />
      ))}
    </fieldset>
  );
}
