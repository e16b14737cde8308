import { z } from "zod";

// Runs in the browser before the app's own modules. zod compiles parsers with `new Function` when it may, and merely
// probing for that is reported as a violation of the app's Content-Security-Policy (no 'unsafe-eval'); the interpreted
// parsers are as correct. Set here because zod probes when a schema is created, at module load.
z.config({ jitless: true });
