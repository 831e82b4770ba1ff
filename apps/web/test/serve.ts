/**
 * Builds the app with its own vite.config.ts into a temporary folder and
 * serves it with `vite preview` on a free 127.0.0.1 port (the config sends
 * the COOP/COEP headers), for the end-to-end test.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port was assigned.'))));
    });
  });
}

export interface ServedApp {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<ServedApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-web-'));
  // STRATA_WEB_CONFIG: another Vite config (relative to apps/web) to run the same test against a patched build.
  const configFile = join(appDir, process.env.STRATA_WEB_CONFIG ?? 'vite.config.ts');
  await build({ root: appDir, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: appDir,
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, outDir, close: () => server.close() };
}
