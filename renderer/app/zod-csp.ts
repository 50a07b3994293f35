import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and decides so when a schema is
// built. Our CSP forbids eval, so the probe would be reported as a violation on every load: this module
// is imported before anything that builds a schema (the contract) and turns that off.
z.config({ jitless: true });
