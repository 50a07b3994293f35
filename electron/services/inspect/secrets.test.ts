import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../shared/contract';
import { isSecretName, maskEnvEntry, maskUrlPasswords, readEnvEntry } from './secrets';

describe('isSecretName', () => {
  it.each([
    'DB_PASSWORD',
    'PGPASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'POSTGRES_PASSWORD_FILE',
    'REDIS_PASSWD',
    'SSH_PASSPHRASE',
    'JWT_SECRET',
    'SECRET_KEY_BASE',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GITHUB_TOKEN',
    'NPMTOKEN',
    'accessToken',
    'AUTH_TOKEN',
    'BASIC_AUTH',
    'basicAuth',
    'SENTRY_DSN',
    'STRIPE_API_KEY',
    'OPENAI_APIKEY',
    'x-api-key',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'SSH_PRIVATE_KEY',
    'LICENSE_KEY',
    'ENCRYPTION_KEY',
    'KEY',
    'MYSQL_PWD',
  ])('%s is a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    // KEY counts only as the last word or in API/ACCESS/PRIVATE KEY: a keyboard setting is no secret.
    'KEYBOARD_LAYOUT',
    'KEY_FILE_PATH',
    'CACHE_KEY_PREFIX',
    // TOKEN must end a word: Hugging Face's switch is not a token.
    'TOKENIZERS_PARALLELISM',
    // AUTH and DSN are whole words only.
    'AUTHOR',
    'OAUTH_PROVIDER',
    'DSNAME',
    // The shell's working directories are not passwords.
    'PWD',
    'OLDPWD',
    'PATH',
    'HOME',
    'LANG',
    'NGINX_VERSION',
  ])('%s is not a secret', (name) => expect(isSecretName(name)).toBe(false));
});

describe('maskUrlPasswords', () => {
  it('masks the password only, keeping user, host, port and path', () => {
    expect(maskUrlPasswords('postgres://app:s3cret@db:5432/shop?sslmode=off')).toEqual({
      text: `postgres://app:${SECRET_MASK}@db:5432/shop?sslmode=off`,
      passwords: ['s3cret'],
    });
  });

  it('masks a password that holds an unencoded @ whole, and an empty user', () => {
    expect(maskUrlPasswords('mysql://root:p@ss@db/x').text).toBe(`mysql://root:${SECRET_MASK}@db/x`);
    expect(maskUrlPasswords('redis://:hunter2@cache:6379/0').text).toBe(
      `redis://:${SECRET_MASK}@cache:6379/0`,
    );
  });

  it('masks every URL of a value, with any scheme', () => {
    const text = 'amqp://u:one@a/ https://x:two@b.example jdbc:postgresql://y:three@c/db';
    expect(maskUrlPasswords(text)).toEqual({
      text: `amqp://u:${SECRET_MASK}@a/ https://x:${SECRET_MASK}@b.example jdbc:postgresql://y:${SECRET_MASK}@c/db`,
      passwords: ['one', 'two', 'three'],
    });
  });

  it('leaves URLs without a password alone', () => {
    for (const text of [
      'http://localhost:8080/health',
      'https://user@example.com/',
      'http://host/path?next=a:b@c',
      'user:pass@host (no scheme)',
      'ssh://git:@host/repo',
    ]) {
      expect(maskUrlPasswords(text)).toEqual({ text, passwords: [] });
    }
  });
});

describe('readEnvEntry / maskEnvEntry', () => {
  it('masks a secret-named value whole, and says why', () => {
    expect(readEnvEntry('DB_PASSWORD=hunter2', false)).toEqual({
      name: 'DB_PASSWORD',
      value: SECRET_MASK,
      secret: 'name',
      masked: true,
      secrets: ['hunter2'],
    });
    expect(maskEnvEntry('DB_PASSWORD=hunter2')).toEqual({
      entry: `DB_PASSWORD=${SECRET_MASK}`,
      secret: true,
    });
  });

  it('shows it when revealed, still marked as a secret', () => {
    expect(readEnvEntry('DB_PASSWORD=hunter2', true)).toMatchObject({
      value: 'hunter2',
      secret: 'name',
      masked: false,
    });
  });

  it('masks only the password of a URL in an ordinary variable', () => {
    expect(readEnvEntry('DATABASE_URL=postgres://app:s3cret@db/shop', false)).toMatchObject({
      value: `postgres://app:${SECRET_MASK}@db/shop`,
      secret: 'url',
      masked: true,
    });
  });

  it('keeps values with = in them, empty secrets and names without a value as they are', () => {
    expect(readEnvEntry('JAVA_OPTS=-Dx=1 -Dy=2', false)).toMatchObject({
      value: '-Dx=1 -Dy=2',
      masked: false,
    });
    expect(readEnvEntry('API_KEY=', false)).toMatchObject({ value: '', masked: false });
    expect(maskEnvEntry('TOKEN')).toEqual({ entry: 'TOKEN', secret: false });
    expect(maskEnvEntry('KEYBOARD_LAYOUT=us')).toEqual({ entry: 'KEYBOARD_LAYOUT=us', secret: false });
  });
});
