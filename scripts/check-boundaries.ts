/**
 * Fails when src/core imports anything that does I/O or lives outside the core:
 * adapters, http, node:fs/net/http/child_process, database or network clients, or reads env/clock.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', 'src', 'core');
const forbiddenImports: RegExp[] = [
  /(^|\/)adapters(\/|$)/,
  /(^|\/)http(\/|$)/,
  /(^|\/)ports(\/|$)/,
  /(^|\/)config$/,
  /^(node:)?(fs|fs\/promises|net|http|https|http2|dgram|dns|tls|child_process|cluster|worker_threads|readline)$/,
  /^(pg|kysely|@electric-sql\/.*|twilio|openai|@langchain\/.*|langchain|@whiskeysockets\/.*|agenda|@agendajs\/.*|express|pino)$/,
];
const forbiddenCode: Array<[RegExp, string]> = [
  [/\bprocess\.env\b/, 'reads process.env'],
  [/\bDate\.now\(\)/, 'reads the clock with Date.now()'],
  [/\bnew Date\(\)/, 'reads the clock with new Date()'],
  [/\bMath\.random\(\)/, 'uses Math.random()'],
];

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const problems: string[] = [];
for (const file of listTs(root)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const where = `${relative(process.cwd(), file)}:${index + 1}`;
    const spec = /\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/.exec(line);
    const target = spec?.[1] ?? spec?.[2] ?? spec?.[3];
    if (target && forbiddenImports.some((re) => re.test(target))) {
      problems.push(`${where}: src/core must stay pure but imports '${target}'; pass the capability in through a port instead`);
    }
    for (const [re, what] of forbiddenCode) {
      if (re.test(line)) problems.push(`${where}: src/core must stay pure but ${what}; take the value as an argument`);
    }
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} boundary violation(s) in src/core`);
  process.exit(1);
}
console.log('src/core imports no I/O: ok');
