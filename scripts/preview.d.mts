/** Types for scripts/preview.mjs (used by the e2e global setup). */
import type { Server } from 'node:http';

/** Absolute path of dist/. */
export const distDir: string;
/** Builds dist/ unless it holds a complete build of the current inputs (dist/.inputs-hash); true when it built. */
export function ensurePane(options?: { mode?: 'production' | 'development' }): Promise<boolean>;
/** Builds the pane into dist/ through webpack's Node API. */
export function buildPane(options?: { mode?: 'production' | 'development' }): Promise<void>;
/** Serves `dir` on 127.0.0.1:port (0 = any free port). */
export function startStaticServer(dir?: string, port?: number): Promise<{ server: Server; origin: string; port: number }>;
