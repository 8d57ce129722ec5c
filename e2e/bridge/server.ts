import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../main/app/security-rules.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { createLogger } from '../../main/log.js';
import { Vault } from '../../main/secrets/vault.js';
import { createAppServices, type AppServices } from '../../main/services/index.js';
import { Store } from '../../main/store/index.js';
import { events as eventSchemas, type EventName, type EventPayload } from '../../shared/contract.js';

/**
 * The e2e bridge: serves the built renderer and answers `window.api` calls over loopback with the real
 * main-process services — the same contract, the same dispatch (request and response validation), a real SQLite
 * file and the real OS keychain. Requests must carry the per-bridge token and come from the page's own origin,
 * the bridge's version of the Electron sender check.
 */
export interface BridgeOptions {
  dataDir: string;
  rendererDir?: string;
  /** Keychain service name (tests use their own, away from real app entries). */
  keychainService: string;
  demoMode?: boolean;
}

export interface Bridge {
  url: string;
  services: AppServices;
  store: Store;
  vault: Vault;
  close(): Promise<void>;
}

let clientScript: Promise<string> | undefined;

/** Bundles e2e/bridge/client.ts for the browser once per process. */
function bridgeClientScript(): Promise<string> {
  clientScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.resolve(import.meta.dirname, 'client.ts'), formats: ['iife'], name: 'bridgeClient' },
    },
  }).then((result) => {
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) {
      if ('output' in output) {
        const chunk = output.output.find((o) => o.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('bridge client did not build');
  });
  return clientScript;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const rendererDir = options.rendererDir ?? path.resolve('out/renderer');
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile))
    throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first`);
  const token = crypto.randomBytes(24).toString('hex');
  const subscribers = new Set<FastifyReply>();
  const store = Store.inDataDir(options.dataDir);
  const vault = new Vault(options.keychainService);
  const log = createLogger({ file: path.join(options.dataDir, 'logs', 'main.log') });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const data = `data: ${JSON.stringify({ name, payload: eventSchemas[name].parse(payload) })}\n\n`;
    for (const reply of subscribers) reply.raw.write(data);
  };
  const services = createAppServices({
    store,
    vault,
    dataDir: options.dataDir,
    appVersion: 'e2e',
    demoMode: options.demoMode ?? false,
    log,
    emit,
  });
  const dispatch = createDispatch(services.handlers, {
    log: (message, error) => log.error(message, { error }),
  });
  const script = await bridgeClientScript();
  const index = fs
    .readFileSync(indexFile, 'utf8')
    .replace(
      '<head>',
      `<head>\n    <meta name="bridge-token" content="${token}" />\n    <script src="/__bridge/client.js"></script>`,
    );

  const app: FastifyInstance = Fastify();
  let origin = '';
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return payload;
  });
  app.get('/', (_request, reply) => reply.type('text/html').send(index));
  app.get('/index.html', (_request, reply) => reply.type('text/html').send(index));
  app.get('/__bridge/client.js', (_request, reply) => reply.type('text/javascript').send(script));
  app.get('/assets/*', (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const file = path.resolve(rendererDir, 'assets', name);
    if (!file.startsWith(path.join(rendererDir, 'assets') + path.sep) || !fs.existsSync(file))
      return reply.code(404).send();
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : 'application/octet-stream';
    return reply.type(type).send(fs.createReadStream(file));
  });
  app.post('/__bridge/invoke/:channel', async (request, reply) => {
    const trusted = request.headers['x-bridge-token'] === token && request.headers.origin === origin;
    if (!trusted)
      return reply.code(403).send({
        ok: false,
        error: { kind: 'forbidden', message: 'This request did not come from the app window' },
      });
    return dispatch((request.params as { channel: string }).channel, request.body);
  });
  app.get('/__bridge/events', (request, reply) => {
    if ((request.query as { token?: string }).token !== token) return reply.code(403).send();
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(': connected\n\n');
    subscribers.add(reply);
    request.raw.on('close', () => subscribers.delete(reply));
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  origin = url;
  return {
    url,
    services,
    store,
    vault,
    close: async () => {
      for (const reply of subscribers) reply.raw.end();
      await services.stages.idle();
      await app.close();
      store.close();
    },
  };
}
