import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The options of one of our commands: `--help` prints its usage and exits 0; an unknown or malformed
 * option is one line naming it (and --help), exit 2, never a stack trace.
 */
export function commandOptions<const O extends Options>(
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage.trim());
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`✗ ${(error as Error).message.split('\n')[0]} (see --help)`);
    process.exit(2);
  }
}
