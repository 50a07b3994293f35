/**
 * The one Content-Security-Policy of the renderer, shared by the Electron window and the web server
 * (which adds its WebSocket origin). No electron import here: the web server uses it under plain Node.
 *
 * Scripts: 'self' only, no inline code, no eval. Styles: stylesheets come from 'self'; React sets styles
 * through the CSSOM (element.style), which CSP does not govern. xterm.js is the one exception, and
 * cannot take a nonce (xtermjs/xterm.js#4445):
 * - it creates <style> elements for its theme, cell sizes and scrollbar (both renderers), hence
 *   'unsafe-inline' in style-src-elem;
 * - its DOM renderer (the fallback when WebGL is missing or lost) colours 24-bit ("truecolor") text
 *   with setAttribute('style', …), which CSP treats as an inline style attribute, hence
 *   'unsafe-inline' in style-src-attr.
 * What that allows is CSS only, and CSS can reach nothing outside: img-src, font-src and connect-src
 * stay 'self', so an injected style can neither load nor leak anything, and script-src is untouched.
 * style-src stays 'self' for anything that reads only it.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['style-src-elem', "'self'", "'unsafe-inline'"],
    ['style-src-attr', "'unsafe-inline'"],
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
