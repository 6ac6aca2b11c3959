import { contentSecurityPolicy, securityHeaders } from '../../shared/node/security-headers.ts';

/**
 * One strict policy for the kiosk screens, in Electron and in the browser host alike (built by
 * shared/node/security-headers.ts, which the central server uses too). The kiosk never submits
 * a form, so form-action is 'none'.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ formAction: "'none'" });

/** Headers sent with every response of the browser host and every app:// page in Electron. */
export const SECURITY_HEADERS = securityHeaders({ formAction: "'none'" });
