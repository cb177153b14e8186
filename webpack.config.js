/**
 * Builds the task pane (dist/office.html — the page the manifest opens, office.js in its <head> —
 * and dist/taskpane.html — preview mode, no office.js — over the same bundles, + worker + icons +
 * manifest.xml, with the production URL from ADDIN_URL substituted).
 * - No eval-based devtool in any mode: the pane runs under a strict CSP (no 'unsafe-eval').
 * - The sample workbook is read at build time into its sheets (scripts/sample-sheets-loader.mjs), in
 *   a chunk of its own: preview mode makes no request for the .xlsx and needs no ExcelJS to open it.
 * - What the first screen does not need is split into chunks loaded on demand (src/taskpane/lazy.tsx).
 * - `webpack serve` (npm run dev-server) serves HTTPS on :3000 with the office-addin-dev-certs
 *   certificates, as Office requires for sideloading; builds never touch certificates.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';
import { manifestFor } from './scripts/manifest-url.mjs';

import { HASH_FILE, paneInputsHash, samplePath } from './scripts/pane-inputs.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The sample workbook preview mode opens (assets/sample-territory.xlsx, or TS_SAMPLE_XLSX). */
export { samplePath };

/**
 * Copies assets/icon-*.png to dist/assets/ (the manifest's icon URLs). A few lines instead of
 * copy-webpack-plugin, whose option validation (schema-utils → ajv-keywords) breaks on the
 * hoisted ajv 6 that `legacy-peer-deps` leaves in node_modules.
 */
class CopyIconsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyIconsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyIconsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const dir = path.join(root, 'assets');
        for (const file of readdirSync(dir).filter((f) => /^icon-\d+\.png$/.test(f))) {
          compilation.emitAsset(`assets/${file}`, new webpack.sources.RawSource(readFileSync(path.join(dir, file))));
          compilation.fileDependencies.add(path.join(dir, file));
        }
      });
    });
  }
}

/** Writes dist/manifest.xml: the development manifest, or with ADDIN_URL's origin in every URL. */
class ManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ManifestPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const file = path.join(root, 'manifest.xml');
        compilation.emitAsset('manifest.xml', new webpack.sources.RawSource(manifestFor(readFileSync(file, 'utf8'), process.env.ADDIN_URL)));
        compilation.fileDependencies.add(file);
      });
    });
  }
}

/**
 * Writes dist/.inputs-hash: the hash of everything this build read (scripts/pane-inputs.mjs), so
 * `npm run preview` and the e2e setup serve an up-to-date dist/ instead of building it again.
 */
class InputsHashPlugin {
  constructor(mode) {
    this.mode = mode;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('InputsHashPlugin', (compilation) => {
      // Hashed when the compilation starts: a file edited during the build makes the next check rebuild.
      const hash = paneInputsHash(this.mode);
      compilation.hooks.processAssets.tap({ name: 'InputsHashPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset(HASH_FILE, new webpack.sources.RawSource(`${hash}\n`));
      });
    });
  }
}

/**
 * HTTPS for `webpack serve`, from the certificates `npx office-addin-dev-certs install` puts in
 * ~/.office-addin-dev-certs. Read directly (no install, no sudo prompt from inside the server);
 * without them the dev server says how to make them and serves HTTP.
 */
function httpsOptions() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  if (!Object.values(files).every((f) => existsSync(path.join(dir, f)))) {
    console.warn('No dev certificates: run `npx office-addin-dev-certs install` for HTTPS (Office needs it). Serving HTTP.');
    return null;
  }
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(path.join(dir, f))]));
}

/** The config: production unless `--mode development`. */
export default async (env = {}, argv = {}) => {
  const production = argv.mode !== 'development';
  if (!existsSync(samplePath)) {
    throw new Error(`Missing ${path.relative(root, samplePath)}: run \`npm run sample\` first (preview mode bundles it).`);
  }
  const https = env.WEBPACK_SERVE ? httpsOptions() : null;
  return {
    mode: production ? 'production' : 'development',
    // 'source-map' / 'cheap-module-source-map' write separate files: nothing is eval'd.
    devtool: production ? 'source-map' : 'cheap-module-source-map',
    entry: { taskpane: path.join(root, 'src/taskpane/index.tsx') },
    output: {
      path: path.join(root, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // Sources import './x.js' (ESM style); resolve those to the .ts/.tsx files.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      alias: { 'sample-workbook.xlsx$': samplePath },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `npm run typecheck`; the bundle only transpiles.
            options: { transpileOnly: true, compilerOptions: { noEmit: false } },
          },
        },
        // The preview sample, read at build time into its sheets (no ExcelJS in the browser for it).
        { resource: samplePath, type: 'javascript/auto', use: path.join(root, 'scripts/sample-sheets-loader.mjs') },
      ],
    },
    performance: { hints: false },
    plugins: [
      // Preview mode: never requests office.js.
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: path.join(root, 'src/taskpane/taskpane.html'),
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        officePage: false,
      }),
      // The page the manifest opens: the same bundle, office.js loaded by a <script> in <head> first.
      new HtmlWebpackPlugin({
        filename: 'office.html',
        template: path.join(root, 'src/taskpane/taskpane.html'),
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        officePage: true,
      }),
      new CopyIconsPlugin(),
      new ManifestPlugin(),
      new InputsHashPlugin(production ? 'production' : 'development'),
    ],
    devServer: {
      port: Number(process.env.PORT ?? 3000),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      ...(https ? { server: { type: 'https', options: https } } : {}),
    },
  };
};
