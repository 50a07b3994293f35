import { TextField } from '../../components/TextField';
import { DEFAULT_REMOTE_SOCKET, type SshPart, type SshPaths, type SshProblems } from './ssh-validation';

interface SshFieldsProps {
  readonly idPrefix: string;
  readonly paths: SshPaths;
  readonly problems: SshProblems;
  readonly onChange: (part: SshPart, value: string) => void;
}

/** The optional SSH settings of an ssh:// engine: the key to log in with and the engine's socket there. */
export function SshFields({ idPrefix, paths, problems, onChange }: SshFieldsProps) {
  return (
    <fieldset className="tls-fields" data-testid="ssh-fields">
      <legend className="field-label">SSH (optional)</legend>
      <TextField
        id={`${idPrefix}-ssh-identity`}
        label="Identity file"
        value={paths.identityFile}
        onChange={(value) => onChange('identityFile', value)}
        error={problems.identityFile}
        hint="Full path of the private key. Empty: the SSH agent and ~/.ssh/config are used."
        placeholder="/home/me/.ssh/id_ed25519"
        mono
        maxLength={4096}
        testId="add-connection-identity"
      />
      <TextField
        id={`${idPrefix}-ssh-socket`}
        label="Remote socket"
        value={paths.remoteSocket}
        onChange={(value) => onChange('remoteSocket', value)}
        error={problems.remoteSocket}
        hint={`The engine's socket on that host. Empty: ${DEFAULT_REMOTE_SOCKET}.`}
        placeholder={DEFAULT_REMOTE_SOCKET}
        mono
        maxLength={1024}
        testId="add-connection-remote-socket"
      />
    </fieldset>
  );
}
