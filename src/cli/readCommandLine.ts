import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Reads a script's options with node's parseArgs, the way a newcomer expects a command to behave: `--help` or `-h`
 * prints the usage and exits 0; an unknown option or a missing value prints what is wrong and the usage, and exits 2,
 * without a stack trace. Returns parseArgs' values and positionals. Reads process.argv; may exit the process.
 */
export function readCommandLine<O extends Options>(usage: string, options: O, opts: { allowPositionals?: boolean } = {}) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: opts.allowPositionals ?? false });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}
