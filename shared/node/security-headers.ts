/**
 * Content-Security-Policy and the other security headers, for every page hailong serves: the
 * kiosk screens (Electron's app:// handler and the browser host) and the central server's
 * console and board. Only the app's own scripts, styles and connections, nothing inline, no
 * frames, no plugins.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export interface SecurityPolicyOptions {
  /**
   * The only difference between the sites: the console's sign-in is a form posted to its own
   * server ('self'), while the kiosk screens never submit a form ('none').
   */
  formAction: "'none'" | "'self'";
}

export function contentSecurityPolicy(options: SecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${options.formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response: the policy above, no sniffing, no framing, no referrer, no devices. */
export function securityHeaders(options: SecurityPolicyOptions): Readonly<Record<string, string>> {
  return Object.freeze({
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
  });
}
