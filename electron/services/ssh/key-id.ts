import { createHash } from 'node:crypto';

const OPENSSH_KEY = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/;
const MAGIC = 'openssh-key-v1\0';

/** The public key blob an OpenSSH-format private key carries in the clear (even when encrypted). */
function openSshPublicBlob(text: string): Buffer | undefined {
  const body = OPENSSH_KEY.exec(text)?.[1];
  if (!body) return undefined;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  let at = MAGIC.length;
  const next = (): Buffer | undefined => {
    if (at + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32BE(at);
    const value = bytes.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value.length === length ? value : undefined;
  };
  // ciphername, kdfname, kdfoptions, then the number of keys and the first public key.
  if (!next() || !next() || !next() || at + 4 > bytes.length) return undefined;
  at += 4;
  return next();
}

/**
 * What a passphrase is remembered under: the key's SHA256 fingerprint as `ssh-keygen -l` prints it
 * (it survives moving or renaming the file). A legacy PEM key hides its public half until decrypted,
 * so it is known by a hash of the file instead (a re-encrypted file then asks again, as it should).
 */
export function keyIdOf(privateKeyFile: Buffer): string {
  const blob = openSshPublicBlob(privateKeyFile.toString('latin1'));
  if (blob) return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return `file-sha256:${createHash('sha256').update(privateKeyFile).digest('hex')}`;
}
