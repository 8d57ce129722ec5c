import { AppError } from '../../shared/result.js';
import { USAGE, UsageError, parseCli, type CliArgs } from './args.js';
import {
  driftCommand,
  metadataCommand,
  reportCommand,
  statusCommand,
  syncCommand,
  testCommand,
  type CommandIO,
} from './commands.js';
import { openCliContext } from './context.js';
import { withDemo } from './demo.js';

/**
 * The headless CLI: the same engine as the app, without Electron. Exit status: 0 success, 1 a stage or
 * connection failed, 2 bad usage.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: CommandIO): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCli(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const commands = {
    sync: syncCommand,
    test: testCommand,
    metadata: metadataCommand,
    drift: driftCommand,
    status: statusCommand,
    report: reportCommand,
  };
  const command = commands[args.command as keyof typeof commands];
  if (!command) {
    io.stderr.write(`Unknown command "${args.command}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await withDemo(args, env, io, async (demoArgs, demoEnv) => {
      const ctx = openCliContext(demoArgs, demoEnv);
      try {
        return await command(demoArgs, ctx, io);
      } finally {
        ctx.store.close();
      }
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    io.stderr.write(
      `Error: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
