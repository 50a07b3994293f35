import { AppError } from '../shared/errors';

/** Everything on stdin, less one trailing newline (`echo secret | bosun … --secret-stdin`). */
async function fromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line typed on the terminal without echo, as ssh asks for a passphrase; Ctrl-C or Ctrl-D cancels. */
function fromTerminal(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = (error?: AppError): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004')
          return done(new AppError('CANCELLED', 'Cancelled; nothing was given to the host.'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** The secret from stdin (`--secret-stdin`, for scripts) or typed on the terminal; never echoed, never logged. */
export async function readSecret(prompt: string, options: { stdin?: boolean }): Promise<string> {
  const secret = options.stdin
    ? await fromStdin()
    : process.stdin.isTTY
      ? await fromTerminal(prompt)
      : undefined;
  if (secret === undefined)
    throw new AppError(
      'INVALID_ARGUMENT',
      'There is no terminal to ask on: pipe the secret in with --secret-stdin.',
    );
  if (secret.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'Nothing was typed; nothing was given to the host.');
  return secret;
}
