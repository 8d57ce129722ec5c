import { AppError } from '../../shared/result.js';
import type { Handlers } from '../ipc/dispatch.js';
import { ConnectionsService } from './connections.js';
import type { AppContext } from './context.js';
import { MappingService } from './mapping.js';
import { MetadataService } from './metadata.js';
import { exportReport } from './reports.js';
import { StagesService } from './stages.js';

export type { AppContext } from './context.js';

/**
 * The app's services and the IPC handlers over them — no Electron here, so the Electron shell and the e2e
 * bridge serve exactly the same handlers.
 */
export function createAppServices(ctx: AppContext) {
  ctx.store.recoverInterruptedRuns();
  const connections = new ConnectionsService(ctx);
  const metadata = new MetadataService(ctx, connections);
  const mapping = new MappingService(ctx, metadata);
  const stages = new StagesService(ctx, connections, mapping);

  const target = () => {
    const dhis2 = ctx.store.connections.get('dhis2');
    const godata = ctx.store.connections.get('godata');
    if (!dhis2 || !godata) throw new AppError('not-found', 'Connect both servers first.');
    return ctx.store.forTarget(dhis2.url, godata.url);
  };

  const handlers: Handlers = {
    'app.info': () => ({ version: ctx.appVersion, demoMode: ctx.demoMode, dataDir: ctx.dataDir }),
    'connections.list': () => connections.list(),
    'connections.save': (request) => connections.save(request),
    'connections.test': ({ id }) => connections.test(id),
    'connections.forget': ({ id }) => connections.forget(id),
    'metadata.pull': () => metadata.pull(),
    'metadata.summary': () => metadata.summary(),
    'mapping.get': () => mapping.state(),
    'mapping.save': ({ config }) => mapping.save(config),
    'mapping.reset': () => mapping.reset(),
    'stages.list': () => stages.list(),
    'stages.run': ({ stage, applyDrift, fullResync }) => stages.run(stage, { applyDrift, fullResync }),
    'stages.cancel': ({ stage }) => stages.cancel(stage),
    'locations.drift': () => stages.drift(),
    'runs.list': ({ limit }) => target().runs.list(limit),
    'runs.outcomes': ({ runId, outcome, limit, offset }) =>
      target().runs.outcomes(runId, { outcome, limit, offset }),
    'runs.exportReport': ({ runId, format }) => exportReport(target().runs, ctx.dataDir, runId, format),
    'issues.list': ({ stage }) => target().issues.list(stage),
    'issues.dismiss': ({ items }) => {
      const dismissed = target().issues.dismiss(items);
      ctx.emit('stagesChanged', {});
      return { dismissed };
    },
    'shell.openExternal': async ({ url }) => ({ opened: (await ctx.openExternal?.(url)) ?? false }),
  };

  return { handlers, connections, metadata, mapping, stages };
}

export type AppServices = ReturnType<typeof createAppServices>;
