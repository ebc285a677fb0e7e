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
  return commandLine(usage, options, { args }).values;
}

/** The same, for a command that also takes up to `positionals` plain arguments. */
export function commandLine<const O extends Options>(
  usage: string,
  options: O,
  { args = process.argv.slice(2), positionals = 0 }: { args?: string[]; positionals?: number } = {},
) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage.trim());
    process.exit(0);
  }
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals)
      throw new Error(`Unexpected argument '${parsed.positionals[positionals]}'`);
    return parsed;
  } catch (error) {
    // Node's hint about positionals that start with '-' is noise here: none of ours do.
    const [message] = (error as Error).message.split(/\n|\. To specify a positional/);
    console.error(`✗ ${message} (see --help)`);
    process.exit(2);
  }
}
