/**
 * Creates a console user: `npm run users:create -- --email ana@example.com --role supervisor [--name "Ana Ruiz"]`.
 * Asks for the password on a terminal (not echoed), or reads it from stdin when piped
 * (`printf '%s' "$PASSWORD" | npm run users:create -- …`). Uses DATABASE_URL, or the embedded database under
 * DATA_DIR (stop the service first: embedded PGlite is single-process). Exits 1 with what is wrong.
 */
import { pino } from 'pino';
import { readCommandLine } from '../src/cli/readCommandLine';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { parseConfig } from '../src/config';
import { createConsoleUser } from '../src/console/auth/consoleUsers';

async function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let value = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const first = await readHidden('Password (12+ characters): ');
  const again = await readHidden('Repeat it: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

const USAGE = 'usage: npm run users:create -- --email EMAIL --role admin|supervisor|viewer [--name NAME]  (password on the prompt or stdin)';

async function main(): Promise<number> {
  const { values } = readCommandLine(USAGE, { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } });
  if (!values.email || !values.role) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(e));
    return 1;
  }
  const password = await readPassword();
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const result = await createConsoleUser(database.db, { email: values.email, role: values.role, password, ...(values.name ? { name: values.name } : {}) });
    if (!result.ok) {
      console.error(`${result.error.code}: ${result.error.message}`);
      return 1;
    }
    console.log(`created ${result.user.role} ${result.user.email}; sign in at /console/login`);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
