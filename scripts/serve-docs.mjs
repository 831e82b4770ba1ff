// Serves the built docs site (docs-site/, from `pnpm run docs`) on
// http://localhost:8080 (or the port given as its argument): `pnpm run docs:serve`
// builds the site and serves it.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = fileURLToPath(new URL('../docs-site/', import.meta.url));
if (!existsSync(join(site, 'index.html'))) {
  console.error('docs-site/index.html is missing: build the site first with "pnpm run docs".');
  process.exit(1);
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const port = Number(process.argv[2] ?? 8080);

createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  let file = normalize(join(site, path));
  if (!file.startsWith(site)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path}`);
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
}).listen(port, () => console.log(`The docs are at http://localhost:${port}/`));
