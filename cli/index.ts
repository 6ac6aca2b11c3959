import { DatabaseOpenError } from '../electron/core/database.ts';
import { KIOSK_USAGE, runKiosk } from './commands/kiosk.ts';
import { START_USAGE, runStart } from './commands/start.ts';
import { UsageError } from './usage-error.ts';

type Command = { usage: string; run: (argv: string[]) => Promise<void> };

/** Every subcommand of `hailong`; later issues add theirs here. */
const COMMANDS: Record<string, Command> = {
  kiosk: { usage: KIOSK_USAGE, run: runKiosk },
  start: { usage: START_USAGE, run: runStart },
};

function usage(): string {
  return ['Cách dùng:', ...Object.values(COMMANDS).map((c) => c.usage)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Không có lệnh "${name}".`);
  try {
    await command.run(rest);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${error.message}\n\n${command.usage}`);
    }
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`Lỗi: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  if (error instanceof DatabaseOpenError) {
    console.error(`Lỗi: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
