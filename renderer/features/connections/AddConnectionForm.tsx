import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Connection } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import { ENDPOINT_EXAMPLE, endpointProblem, nameProblem } from './endpoint-validation';
import { useConnectionsStore } from './useConnections';

interface AddConnectionFormProps {
  readonly onAdded: (connection: Connection) => void;
  readonly onCancel: () => void;
}

/** Name and endpoint, checked as you type; what the core refuses is shown in place and nothing typed is lost. */
export function AddConnectionForm({ onAdded, onCancel }: AddConnectionFormProps) {
  const store = useConnectionsStore();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [touched, setTouched] = useState({ name: false, endpoint: false });
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<AppError | undefined>();

  useEffect(() => nameRef.current?.focus(), []);

  const nameError = touched.name ? nameProblem(name) : undefined;
  const endpointError = touched.endpoint ? endpointProblem(endpoint) : undefined;
  const serverField = serverError?.details?.['field'];
  const serverOnEndpoint = serverError && serverField === 'endpoint' ? serverError.message : undefined;
  const serverOnName = serverError && serverField === 'name' ? serverError.message : undefined;
  const serverGeneral = serverError && !serverOnEndpoint && !serverOnName ? serverError.message : undefined;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched({ name: true, endpoint: true });
    if (nameProblem(name) || endpointProblem(endpoint)) return;
    setSubmitting(true);
    setServerError(undefined);
    try {
      onAdded(await store.add({ name: name.trim(), endpoint: endpoint.trim() }));
    } catch (error) {
      setServerError(isAppError(error) ? error : new AppError('INTERNAL', 'Adding the connection failed.'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form
      className="add-form"
      aria-label="Add connection"
      data-testid="add-connection-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label className="field-label" htmlFor={`${id}-name`}>
        Name
      </label>
      <input
        ref={nameRef}
        id={`${id}-name`}
        className="input"
        value={name}
        maxLength={200}
        placeholder="build server"
        aria-invalid={Boolean(nameError ?? serverOnName)}
        aria-describedby={`${id}-name-msg`}
        onChange={(event) => {
          setName(event.target.value);
          setTouched((t) => ({ ...t, name: true }));
          if (serverOnName) setServerError(undefined);
        }}
        data-testid="add-connection-name"
      />
      <div id={`${id}-name-msg`} className="field-error" role="alert">
        {nameError ?? serverOnName}
      </div>

      <label className="field-label" htmlFor={`${id}-endpoint`}>
        Endpoint
      </label>
      <input
        id={`${id}-endpoint`}
        className="input mono"
        value={endpoint}
        placeholder="unix:///var/run/docker.sock"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={Boolean(endpointError ?? serverOnEndpoint)}
        aria-describedby={`${id}-endpoint-msg ${id}-endpoint-hint`}
        onChange={(event) => {
          setEndpoint(event.target.value);
          setTouched((t) => ({ ...t, endpoint: true }));
          if (serverOnEndpoint) setServerError(undefined);
        }}
        data-testid="add-connection-endpoint"
      />
      <div id={`${id}-endpoint-msg`} className="field-error" role="alert">
        {endpointError ?? serverOnEndpoint}
      </div>
      <div id={`${id}-endpoint-hint`} className="field-hint">
        For example {ENDPOINT_EXAMPLE}
      </div>

      {serverGeneral ? (
        <div className="form-error" role="alert" data-testid="add-connection-error">
          {serverGeneral}
        </div>
      ) : null}

      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? 'Adding…' : 'Add'}
        </button>
      </div>
    </form>
  );
}
