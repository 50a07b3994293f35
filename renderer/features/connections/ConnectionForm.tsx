import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Connection } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import { TextField } from '../../components/TextField';
import { ENDPOINT_EXAMPLE, endpointProblem, nameProblem } from './endpoint-validation';
import { hostKeyRefusal, type HostKeyRefusal } from './host-key';
import { HostKeyChanged } from './HostKeyChanged';
import { HostKeyDialog } from './HostKeyDialog';
import { SshFields } from './SshFields';
import { sshInput, sshPartOf, sshProblems, takesSsh, type SshPart, type SshPaths } from './ssh-validation';
import { TlsFields } from './TlsFields';
import {
  NO_TLS,
  takesTls,
  tlsInput,
  tlsPartOf,
  tlsProblems,
  type TlsPart,
  type TlsPaths,
} from './tls-validation';
import { useConnectionsStore } from './useConnections';

interface ConnectionFormProps {
  /** The user-added connection to change; absent to add a new one. */
  readonly editing?: Connection;
  readonly onDone: (connection: Connection) => void;
  readonly onCancel: () => void;
}

function initialTls(connection: Connection | undefined): TlsPaths {
  return connection?.settings?.tls ?? NO_TLS;
}

function initialSsh(connection: Connection | undefined): SshPaths {
  return {
    identityFile: connection?.settings?.identityFile ?? '',
    remoteSocket: connection?.settings?.remoteSocket ?? '',
  };
}

type Field = 'name' | 'endpoint' | TlsPart | SshPart;

/** A refusal from the core, and the field it is about (none: shown under the form). */
interface Refusal {
  readonly error: AppError;
  readonly field: Field | undefined;
  /** Set for HOST_KEY_UNKNOWN (asked in a dialog) and HOST_KEY_CHANGED (refused in a banner). */
  readonly hostKey: HostKeyRefusal | undefined;
}

function refusalField(error: AppError, endpoint: string): Field | undefined {
  const field = error.details?.['field'];
  if (field === 'name' || field === 'endpoint') return field;
  if (takesSsh(endpoint)) return sshPartOf(error.details);
  return takesTls(endpoint) ? tlsPartOf(error.details) : undefined;
}

/**
 * Name, endpoint and, for tcp://, the TLS files (for ssh://, the identity file and remote socket), checked
 * as you type; what the core refuses is shown at the field it is about, and nothing typed is lost (TLS
 * and SSH paths stay even while another kind of endpoint is typed). An unknown SSH host key is asked
 * about in a dialog and sent back only as that exact fingerprint; a changed one is refused.
 */
export function ConnectionForm({ editing, onDone, onCancel }: ConnectionFormProps) {
  const store = useConnectionsStore();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(editing?.name ?? '');
  const [endpoint, setEndpoint] = useState(editing?.endpoint ?? '');
  const [tls, setTls] = useState<TlsPaths>(() => initialTls(editing));
  const [ssh, setSsh] = useState<SshPaths>(() => initialSsh(editing));
  const [askKey, setAskKey] = useState<HostKeyRefusal | undefined>();
  const [touched, setTouched] = useState({ name: false, endpoint: false });
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();

  useEffect(() => nameRef.current?.focus(), []);

  const showTls = takesTls(endpoint);
  const tlsErrors = showTls ? tlsProblems(tls, submitted) : {};
  const showSsh = takesSsh(endpoint);
  const sshErrors = showSsh ? sshProblems(ssh) : {};
  const refusedAt = (field: Field): string | undefined =>
    refusal?.field === field ? refusal.error.message : undefined;
  const edited = (field: Field): void => {
    if (refusal?.field === field) setRefusal(undefined);
  };

  const send = async (acceptHostKey?: string): Promise<void> => {
    setSubmitting(true);
    setRefusal(undefined);
    const tlsPaths = tlsInput(endpoint, tls);
    const fields = {
      name: name.trim(),
      endpoint: endpoint.trim(),
      ...(tlsPaths ? { tls: tlsPaths } : {}),
      ...sshInput(endpoint, ssh),
      ...(acceptHostKey ? { acceptHostKey } : {}),
    };
    try {
      onDone(await (editing ? store.update({ id: editing.id, ...fields }) : store.add(fields)));
    } catch (error) {
      const appError = isAppError(error)
        ? error
        : new AppError(
            'INTERNAL',
            editing ? 'Saving the connection failed.' : 'Adding the connection failed.',
          );
      const hostKey = hostKeyRefusal(appError);
      setRefusal({ error: appError, field: refusalField(appError, endpoint), hostKey });
      if (hostKey?.problem === 'unknown') setAskKey(hostKey);
    } finally {
      setSubmitting(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched({ name: true, endpoint: true });
    setSubmitted(true);
    const tlsBad = showTls && Object.keys(tlsProblems(tls, true)).length > 0;
    const sshBad = showSsh && Object.keys(sshProblems(ssh)).length > 0;
    if (nameProblem(name) || endpointProblem(endpoint) || tlsBad || sshBad) return;
    void send();
  };

  return (
    <form
      className="add-form"
      aria-label={editing ? `Edit ${editing.name}` : 'Add connection'}
      data-testid={editing ? 'edit-connection-form' : 'add-connection-form'}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !askKey) onCancel();
      }}
    >
      <TextField
        id={`${id}-name`}
        inputRef={nameRef}
        label="Name"
        value={name}
        maxLength={200}
        placeholder="build server"
        error={(touched.name ? nameProblem(name) : undefined) ?? refusedAt('name')}
        onChange={(value) => {
          setName(value);
          setTouched((t) => ({ ...t, name: true }));
          edited('name');
        }}
        testId="add-connection-name"
      />
      <TextField
        id={`${id}-endpoint`}
        label="Endpoint"
        value={endpoint}
        mono
        placeholder="unix:///var/run/docker.sock"
        error={(touched.endpoint ? endpointProblem(endpoint) : undefined) ?? refusedAt('endpoint')}
        hint={`For example ${ENDPOINT_EXAMPLE}`}
        onChange={(value) => {
          setEndpoint(value);
          setTouched((t) => ({ ...t, endpoint: true }));
          edited('endpoint');
        }}
        testId="add-connection-endpoint"
      />
      {showTls ? (
        <TlsFields
          idPrefix={id}
          paths={tls}
          problems={{
            ca: tlsErrors.ca ?? refusedAt('ca'),
            cert: tlsErrors.cert ?? refusedAt('cert'),
            key: tlsErrors.key ?? refusedAt('key'),
          }}
          onChange={(part, value) => {
            setTls((current) => ({ ...current, [part]: value }));
            edited(part);
          }}
        />
      ) : null}
      {showSsh ? (
        <SshFields
          idPrefix={id}
          paths={ssh}
          problems={{
            identityFile: sshErrors.identityFile ?? refusedAt('identityFile'),
            remoteSocket: sshErrors.remoteSocket ?? refusedAt('remoteSocket'),
          }}
          onChange={(part, value) => {
            setSsh((current) => ({ ...current, [part]: value }));
            edited(part);
          }}
        />
      ) : null}

      {refusal?.hostKey?.problem === 'changed' ? <HostKeyChanged refusal={refusal.hostKey} /> : null}
      {refusal && !refusal.field && !refusal.hostKey ? (
        <div className="form-error" role="alert" data-testid="add-connection-error">
          {refusal.error.message}
        </div>
      ) : null}

      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={submitting}>
          {editing ? (submitting ? 'Saving…' : 'Save') : submitting ? 'Adding…' : 'Add'}
        </button>
      </div>
      {askKey ? (
        <HostKeyDialog
          hostKey={askKey}
          onCancel={() => {
            setAskKey(undefined);
            setRefusal(undefined);
          }}
          onTrust={(fingerprint) => {
            setAskKey(undefined);
            void send(fingerprint);
          }}
        />
      ) : null}
    </form>
  );
}
