/**
 * The manifest for a deployment: every https://localhost:3000 URL (development) replaced by the
 * production origin. webpack writes dist/manifest.xml with it when ADDIN_URL is set
 * (`ADDIN_URL=https://addins.example.com npm run build`); without it dist/manifest.xml is the
 * development manifest.
 */
export const DEV_ORIGIN = 'https://localhost:3000';

/** Replaces the development origin; the production URL must be HTTPS (Office requires it). */
export function manifestFor(manifest, productionUrl) {
  if (!productionUrl) return manifest;
  const url = new URL(productionUrl);
  if (url.protocol !== 'https:') throw new Error(`ADDIN_URL must be an https:// URL (Office loads add-ins over HTTPS only), got ${productionUrl}`);
  const origin = url.href.replace(/\/+$/, '');
  return manifest.split(DEV_ORIGIN).join(origin.replace(/&/g, '&amp;'));
}
