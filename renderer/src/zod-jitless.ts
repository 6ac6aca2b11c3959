import { z } from 'zod';

// Zod probes `new Function` to compile faster parsers; the pages' CSP refuses eval, so the probe
// itself is reported as a violation. Parsing without compiled code is fast enough for the UI.
z.config({ jitless: true });
