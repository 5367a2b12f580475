// `npm run package` ends here: the packaged README is the extension's page (in VS Code's Extensions view
// and on the Marketplace), so every image and link in it must resolve to a file inside the .vsix or be
// an absolute URL, and the icon and the two bundles package.json names (`main` for the Node extension
// host, `browser` for the web worker one) must be packed. Exits 1 naming what is broken.
//   node scripts/check-vsix.mjs marginalia.vsix
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';

const vsix = process.argv[2];
if (!vsix) {
  console.error('usage: node scripts/check-vsix.mjs FILE.vsix');
  process.exit(2);
}
const unzip = (...args) => execFileSync('unzip', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const entries = new Set(unzip('-Z1', vsix).split('\n').filter(Boolean));
// vsce packs README.md as readme.md (and LICENSE as LICENSE.txt): links must name the packed files.
const readmeEntry = [...entries].find((entry) => /^extension\/readme\.md$/i.test(entry));
if (!readmeEntry) {
  console.error(`check-vsix: ${vsix} holds no README`);
  process.exit(1);
}
const readme = unzip('-p', vsix, readmeEntry);
const manifest = JSON.parse(unzip('-p', vsix, 'extension/package.json'));

// Markdown links and images, reference definitions and HTML src/href, outside code blocks and spans.
const prose = readme.replace(/^```[^]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
const targets = [
  ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
  ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
  ...[...prose.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
];
const problems = [];
for (const target of targets) {
  if (/^https:\/\//.test(target) || target.startsWith('#') || target.startsWith('mailto:')) continue;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    problems.push(`${target}: not an https link`);
    continue;
  }
  const file = posix.normalize(posix.join('extension', decodeURI(target.split('#')[0])));
  if (!file.startsWith('extension/') || !entries.has(file)) problems.push(`${target}: not in the package`);
}
for (const entry of ['main', 'browser']) {
  if (!manifest[entry]) problems.push(`package.json has no ${entry}`);
  else if (!entries.has(posix.join('extension', manifest[entry]))) problems.push(`${entry} ${manifest[entry]}: not in the package`);
}
if (!manifest.icon) problems.push('package.json has no icon');
else if (!entries.has(posix.join('extension', manifest.icon))) problems.push(`icon ${manifest.icon}: not in the package`);

if (problems.length > 0) {
  console.error(`check-vsix: ${vsix}: the packaged README or manifest points at what the package does not hold:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`check-vsix: ${vsix}: ${targets.length} links and images of the README and the icon resolve inside the package`);
