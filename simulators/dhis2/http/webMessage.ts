import type { FastifyReply } from 'fastify';

/** DHIS2's error envelope (reference §3.4), keys in the order the server emits them. */
export interface WebMessage {
  httpStatus: string;
  httpStatusCode: number;
  status: 'OK' | 'WARNING' | 'ERROR';
  code?: number;
  message: string;
  devMessage?: string;
  errorCode?: string;
  response?: Record<string, unknown>;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function webMessage(status: number, message: string, extra: Partial<WebMessage> = {}): WebMessage {
  return {
    httpStatus: REASONS[status] ?? 'Error',
    httpStatusCode: status,
    status: status < 400 ? 'OK' : 'ERROR',
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    message,
    ...(extra.devMessage !== undefined ? { devMessage: extra.devMessage } : {}),
    ...(extra.errorCode !== undefined ? { errorCode: extra.errorCode } : {}),
    ...(extra.response !== undefined ? { response: extra.response } : {}),
  };
}

export function sendWebMessage(
  reply: FastifyReply,
  status: number,
  message: string,
  extra: Partial<WebMessage> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/json;charset=UTF-8')
    .send(webMessage(status, message, extra));
}

/** Thrown by request handling; rendered as a WebMessage with that status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Partial<WebMessage> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): HttpProblem => new HttpProblem(400, message);
export const conflict = (message: string): HttpProblem => new HttpProblem(409, message);
export const notFound = (message: string): HttpProblem => new HttpProblem(404, message);
