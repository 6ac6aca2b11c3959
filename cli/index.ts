import { CommandError, UsageError } from './usage-error.ts';

interface Command {
  usage: string;
  run: (argv: string[]) => Promise<void>;
}

/**
 * Every subcommand of `hailong`, loaded only when used: the server should not carry the
 * kiosk's, the printer's or the exporters' modules in memory, nor the other way round.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => {
    const m = await import('./commands/start.ts');
    return { usage: m.START_USAGE, run: m.runStart };
  },
  kiosk: async () => {
    const m = await import('./commands/kiosk.ts');
    return { usage: m.KIOSK_USAGE, run: m.runKiosk };
  },
  printer: async () => {
    const m = await import('./commands/printer.ts');
    return { usage: m.PRINTER_USAGE, run: m.runPrinter };
  },
  server: async () => {
    const m = await import('./commands/server.ts');
    return { usage: m.SERVER_USAGE, run: m.runServer };
  },
  staff: async () => {
    const m = await import('./commands/staff.ts');
    return { usage: m.STAFF_USAGE, run: m.runStaff };
  },
  sync: async () => {
    const m = await import('./commands/sync.ts');
    return { usage: m.SYNC_USAGE, run: m.runSync };
  },
  report: async () => {
    const m = await import('./commands/report.ts');
    return { usage: m.REPORT_USAGE, run: m.runReport };
  },
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return ['Cách dùng:', ...commands.map((c) => c.usage)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`Không có lệnh "${name}".`);
  const command = await load();
  try {
    await command.run(rest);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${error.message}\n\n${command.usage}`);
    }
    throw error;
  }
}

main(process.argv.slice(2)).catch(async (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`Lỗi: ${error.message}\n\n${await usage()}`);
    process.exit(2);
  }
  // Matched by name so that this entry does not load the SQLite layer for every command.
  if (error instanceof CommandError || (error instanceof Error && error.name === 'DatabaseOpenError')) {
    console.error(`Lỗi: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
