import { describe, expect, it } from 'vitest';
import { formatContainers } from './format';
import { printable } from './printable';

describe('printable', () => {
  it('neutralises escape sequences and other control characters', () => {
    expect(printable('web\u001b]52;c;ZXZpbA==\u0007')).toBe('web\uFFFD]52;c;ZXZpbA==\uFFFD');
    expect(printable('a\u009bb\r\nc')).toBe('a\uFFFDb\uFFFD\uFFFDc');
    expect(printable('网站 nginx:1.27')).toBe('网站 nginx:1.27');
  });

  it('is applied to every cell the container table prints', () => {
    const text = formatContainers([
      {
        id: 'a'.repeat(64),
        connectionId: 'docker-host',
        name: 'evil\u001b[2J',
        image: 'img\u001b]0;pwned\u0007',
        imageId: 'sha256:x',
        command: 'sh',
        created: 0,
        state: 'running',
        status: 'Up\u001b[8m hidden',
        ports: [],
        labels: {},
      },
    ]);
    expect(text.includes('\u001b')).toBe(false);
    expect(text).toContain('evil\uFFFD[2J');
  });
});
