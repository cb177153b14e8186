/**
 * Imported first by the pane and the worker: zod otherwise probes `new Function("")` when the
 * engine's schemas load, which the pane's CSP (no 'unsafe-eval') reports as a violation even
 * though zod catches it. jitless parsing is plenty fast for a handful of settings.
 */
import { config } from 'zod';

config({ jitless: true });
