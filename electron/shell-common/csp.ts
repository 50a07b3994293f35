/**
 * The one Content-Security-Policy of the renderer, shared by the Electron window and the web server
 * (which adds its WebSocket origin). No electron import here: the web server uses it under plain Node.
 *
 * style-src has no 'unsafe-inline': React sets styles through the CSSOM, which CSP does not govern.
 * Anything that injects <style> elements (xterm.js's DOM renderer does, xtermjs/xterm.js#4445) needs
 * an explicit, argued change here.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connectSources],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** The Electron window's policy: it talks to the core over IPC only, so connect-src stays 'self'. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
