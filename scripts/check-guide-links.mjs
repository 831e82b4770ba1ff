// Checks the relative links of the guides (docs/guides/*.md): every link to a
// file must name one that exists, and a link to a heading (`page.md#part`)
// one that the page has. TypeDoc validates the API reference's links; this
// covers the Markdown pages it copies, where a moved file would otherwise
// leave a dead link. Exits 1 and lists the broken links.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const guides = join(root, 'docs', 'guides');

/** GitHub's and TypeDoc's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1])));
}

const broken = [];
let checked = 0;
for (const name of readdirSync(guides).filter((file) => file.endsWith('.md'))) {
  const file = join(guides, name);
  // Code blocks hold code, not links.
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    checked++;
    const [path, anchor] = target.split('#');
    const destination = path === '' ? file : resolve(dirname(file), path);
    if (!existsSync(destination)) {
      broken.push(`${relative(root, file)}: "${target}" names a file that does not exist (${relative(root, destination)}).`);
    } else if (anchor && destination.endsWith('.md') && !anchorsOf(destination).has(anchor)) {
      broken.push(`${relative(root, file)}: "${target}" names a heading that ${relative(root, destination)} does not have.`);
    }
  }
}
console.log(`Guide links checked: ${checked}, broken: ${broken.length}`);
if (broken.length > 0) {
  console.error(broken.join('\n'));
  process.exit(1);
}
