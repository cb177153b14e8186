#!/usr/bin/env node
/**
 * `npm run preview`: builds the pane (production) and serves dist/ on http://localhost:PORT
 * (default 3001) with a tiny static server — node:http only, no dependencies. Open the URL in
 * any browser: outside Office the pane runs in preview mode on the bundled sample workbook.
 * dist/ is rebuilt only when its inputs changed (their hash, scripts/pane-inputs.mjs, is in
 * dist/.inputs-hash): a second start serves at once. Flags: --rebuild builds anyway;
 * --no-build serves the existing dist/ whatever it holds.
 * The e2e tests import ensurePane(), buildPane() and startStaticServer() from here.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWasm } from './build-wasm.mjs';
import { distIsCurrent, paneInputsHash } from './pane-inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = path.join(root, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
};

/** Builds the production bundle into dist/ through webpack's Node API. */
export async function buildPane({ mode = 'production' } = {}) {
  await buildWasm();
  const { default: webpack } = await import('webpack');
  const { default: makeConfig } = await import(pathToFileURL(path.join(root, 'webpack.config.js')).href);
  const config = await makeConfig({}, { mode });
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve(undefined);
    });
  });
}

/**
 * Builds dist/ unless it already holds a complete build of the current inputs in this mode.
 * Resolves true when it built.
 */
export async function ensurePane({ mode = 'production' } = {}) {
  await buildWasm();
  if (distIsCurrent(distDir, paneInputsHash(mode))) return false;
  await buildPane({ mode });
  return true;
}

/**
 * Serves `dir` on 127.0.0.1:port (0 = any free port). Resolves with the server and its origin.
 * Only files inside `dir` are served; `/` redirects to /taskpane.html.
 */
export function startStaticServer(dir = distDir, port = 3001) {
  const base = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/') {
        res.writeHead(302, { Location: `/taskpane.html${url.search}` });
        return res.end();
      }
      const file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(500).end('Server error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, origin: `http://127.0.0.1:${actual}`, port: actual });
    });
  });
}

async function main() {
  const port = Number(process.env.PORT ?? 3001);
  // The WebAssembly kernel is a source of the pane: current before the hash is taken.
  if (!process.argv.includes('--no-build')) await buildWasm();
  if (process.argv.includes('--rebuild')) {
    console.log('Building the pane (production)…');
    await buildPane();
  } else if (!process.argv.includes('--no-build')) {
    if (distIsCurrent(distDir, paneInputsHash('production'))) {
      console.log('dist/ is up to date with the sources: serving it (--rebuild builds anyway).');
    } else {
      console.log('Building the pane (production; about a minute, next time only when a source changed)…');
      await buildPane();
    }
  }
  // A busy default port (another preview still running) moves on to the next free one; an explicit PORT does not.
  let started = null;
  for (let candidate = port; started === null; candidate++) {
    try {
      started = await startStaticServer(distDir, candidate);
    } catch (error) {
      if (error?.code !== 'EADDRINUSE' || process.env.PORT !== undefined || candidate >= port + 20) throw error;
      console.log(`Port ${candidate} is in use; trying ${candidate + 1}.`);
    }
  }
  console.log(`Territory Slicer preview: http://localhost:${started.port}/taskpane.html`);
  console.log('Outside Office the pane runs in preview mode on the sample workbook. Ctrl+C stops the server.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
