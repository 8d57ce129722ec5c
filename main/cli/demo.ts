import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, startDemoSimulators } from '../../simulators/demo.js';
import type { CliArgs } from './args.js';
import type { CommandIO } from './commands.js';

/**
 * `--demo`: starts both simulators in-process with the demo dataset, points the command at them with the demo
 * credentials, and (unless --data-dir is given) uses a fresh temporary data folder, since the demo Go.Data is blank.
 */
export async function withDemo<T>(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  io: CommandIO,
  run: (args: CliArgs, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  if (!args.demo) return run(args, env);
  io.stderr.write('Starting the DHIS2 and Go.Data simulators with the demo dataset…\n');
  const sims = await startDemoSimulators({});
  const dataDir = args.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'godata-bridge-demo-'));
  io.stderr.write(`DHIS2 ${sims.dhis2Url}, Go.Data ${sims.godataUrl}, data folder ${dataDir}\n`);
  try {
    return await run(
      { ...args, dhis2Url: sims.dhis2Url, godataUrl: sims.godataUrl, dataDir },
      {
        ...env,
        DHIS2_USERNAME: DEMO_CREDENTIALS.dhis2.username,
        DHIS2_PASSWORD: DEMO_CREDENTIALS.dhis2.password,
        GODATA_USERNAME: DEMO_CREDENTIALS.godata.username,
        GODATA_PASSWORD: DEMO_CREDENTIALS.godata.password,
      },
    );
  } finally {
    await sims.stop();
  }
}
