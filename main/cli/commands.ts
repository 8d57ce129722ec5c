import fs from 'node:fs';
import { STAGES, type StageName } from '../../shared/stages.js';
import { planTree } from '../pipeline/locations/tree.js';
import { isCancellation } from '../pipeline/runner.js';
import { openSyncSession, runStageNamed, stagesFor } from '../pipeline/sync.js';
import { createDhis2Client, createGoDataClient } from '../services/clients.js';
import { writeReport } from '../services/reports.js';
import { UsageError, type CliArgs } from './args.js';
import { endpointsOf, mappingOf, type CliContext } from './context.js';
import { progressPrinter, stageLine, table, type StageLine } from './output.js';

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** Runs the selected stages in order and stops at the first stage that fails. Returns the exit status. */
export async function syncCommand(args: CliArgs, ctx: CliContext, io: CommandIO): Promise<number> {
  const session = await openSyncSession({
    store: ctx.store,
    vault: ctx.vault,
    env: ctx.env,
    log: ctx.log,
    endpoints: endpointsOf(args, ctx),
    mapping: mappingOf(args, ctx),
  });
  const lines: StageLine[] = [];
  let status = 0;
  const print = progressPrinter(io.stderr);
  for (const stage of stagesFor(args.stage)) {
    try {
      const runId = await runStageNamed(
        session,
        stage,
        { applyDrift: args.applyDrift, fullResync: args.fullResync },
        { signal: io.signal, onProgress: print, progressIntervalMs: 2_000 },
      );
      lines.push(stageLine(session.target.runs.get(runId), stage));
    } catch (error) {
      status = 1;
      lines.push(
        stageLine(
          session.target.runs.latest(stage),
          stage,
          error instanceof Error ? error.message : String(error),
        ),
      );
      if (isCancellation(error, io.signal)) io.stderr.write('Cancelled.\n');
      break;
    }
  }
  io.stdout.write(args.json ? `${JSON.stringify({ stages: lines })}\n` : table(lines));
  return status;
}

export async function testCommand(args: CliArgs, ctx: CliContext, io: CommandIO): Promise<number> {
  const endpoints = endpointsOf(args, ctx);
  const options = { vault: ctx.vault, env: ctx.env, log: ctx.log };
  const dhis2 = await (await createDhis2Client(endpoints.dhis2, options)).connect(io.signal);
  const godata = await (await createGoDataClient(endpoints.godata, options)).testConnection(io.signal);
  const result = {
    dhis2: { url: endpoints.dhis2.url, version: dhis2.server.version, user: dhis2.user.username },
    godata: {
      url: endpoints.godata.url,
      version: godata.version ?? 'unknown',
      user: godata.user.email ?? godata.user.id,
    },
  };
  io.stdout.write(
    args.json
      ? `${JSON.stringify(result)}\n`
      : `DHIS2   ${result.dhis2.version} at ${result.dhis2.url} as ${result.dhis2.user}\nGo.Data ${result.godata.version} at ${result.godata.url} as ${result.godata.user}\n`,
  );
  return 0;
}

export async function metadataCommand(args: CliArgs, ctx: CliContext, io: CommandIO): Promise<number> {
  const endpoints = endpointsOf(args, ctx);
  const client = await createDhis2Client(endpoints.dhis2, { vault: ctx.vault, env: ctx.env, log: ctx.log });
  const metadata = await client.readMetadata([], io.signal);
  let orgUnits = 0;
  for await (const page of client.orgUnits({ signal: io.signal })) orgUnits += page.length;
  ctx.store.metadata.put('dhis2.metadata', endpoints.dhis2.url, { metadata, orgUnits });
  const text = `${JSON.stringify(args.out ? metadata : { server: metadata.server.version, programs: metadata.programs.length, optionSets: metadata.optionSets.length, orgUnits })}\n`;
  if (args.out) fs.writeFileSync(args.out, text);
  else io.stdout.write(text);
  io.stderr.write(
    `Pulled ${metadata.programs.length} programs, ${metadata.optionSets.length} option sets and ${orgUnits} org units.\n`,
  );
  return 0;
}

export async function driftCommand(args: CliArgs, ctx: CliContext, io: CommandIO): Promise<number> {
  const session = await openSyncSession({
    store: ctx.store,
    vault: ctx.vault,
    env: ctx.env,
    log: ctx.log,
    endpoints: endpointsOf(args, ctx),
    mapping: mappingOf(args, ctx),
  });
  const { drift } = await planTree(session, io.signal);
  const { reasons: _reasons, ...report } = drift;
  if (args.json) io.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    io.stdout.write(`Mirrored units: ${report.mirrored}\n`);
    for (const kind of ['added', 'renamed', 'moved', 'closed', 'removed'] as const) {
      io.stdout.write(`${kind}: ${report[kind].length}\n`);
      for (const unit of report[kind]) io.stdout.write(`  ${unit.uid}  ${unit.name}  ${unit.path}\n`);
    }
  }
  return 0;
}

export function statusCommand(args: CliArgs, ctx: CliContext, io: CommandIO): number {
  const target = ctx.store.forTarget(endpointsOf(args, ctx).dhis2.url, endpointsOf(args, ctx).godata.url);
  const lines = STAGES.map((stage: StageName) => ({
    ...stageLine(target.runs.latest(stage), stage),
    openIssues: target.issues.count(stage),
  }));
  io.stdout.write(args.json ? `${JSON.stringify({ stages: lines })}\n` : table(lines));
  return 0;
}

export async function reportCommand(args: CliArgs, ctx: CliContext, io: CommandIO): Promise<number> {
  const target = ctx.store.targetOfRun(args.run);
  const runId = args.run ?? target?.runs.list(1)[0]?.id;
  if (!target || runId === undefined)
    throw new UsageError(
      args.run === undefined ? 'There are no runs in this data folder yet.' : `There is no run ${args.run}.`,
    );
  const out = args.out ? fs.createWriteStream(args.out) : io.stdout;
  const rows = await writeReport(target.runs, runId, args.format, out);
  if (args.out)
    await new Promise<void>((resolve, reject) =>
      (out as fs.WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  io.stderr.write(`Run ${runId}: ${rows} outcomes written${args.out ? ` to ${args.out}` : ''}.\n`);
  return 0;
}
