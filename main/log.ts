import fs from 'node:fs';
import path from 'node:path';

/**
 * The engine's log: JSON lines to a file in the data folder (and to stderr when asked). Every value passes
 * through `redact`, so a password, token or Authorization header handed to the logger by mistake is written
 * as "[redacted]" — secrets never reach a log file.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const SECRET_KEY = /pass(word)?|secret|token|authori[sz]ation|api[-_]?key|cookie|credential/i;
const SECRET_VALUE = /(Basic|Bearer|ApiToken)\s+[A-Za-z0-9._~+/=-]+|d2pa?t?_[A-Za-z0-9]+/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '[redacted]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
    );
  }
  return value;
}

export interface LoggerOptions {
  file?: string;
  stderr?: boolean;
  level?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  let stream: fs.WriteStream | undefined;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    stream = fs.createWriteStream(options.file, { flags: 'a' });
  }
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = JSON.stringify({
      at: new Date().toISOString(),
      level,
      message: redact(message),
      ...(data ? { data: redact(data) } : {}),
    });
    stream?.write(line + '\n');
    if (options.stderr) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
