import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, pino, type Logger as Pino, type LoggerOptions } from 'pino';
import pinoPretty from 'pino-pretty';

/** Structured JSON logs; secrets and personal data are redacted wherever they appear. */
export function pinoOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.body',
        'password',
        'passwordHash',
        'email',
        '*.password',
        '*.passwordHash',
        '*.email',
        '*.displayName',
      ],
      censor: '[redacted]',
    },
  };
}

interface RequestLine {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Fastify's request line without the query string: searches and filters may carry names or
 * addresses. (Fastify reads `serializers` off the logger instance it is given.)
 */
export function serializeRequest(req: RequestLine) {
  return {
    method: req.method,
    url: req.url.split('?')[0],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Human-readable lines for a person at a terminal (`npm run demo`, `npm run start`); JSON for
 * everything else (production, containers, pipes, files), which log tooling reads.
 */
export function prettyLogs(
  nodeEnv: string | undefined = process.env.NODE_ENV,
  isTTY: boolean | undefined = process.stdout.isTTY,
): boolean {
  return isTTY === true && nodeEnv !== 'production';
}

/** pino-pretty in the main thread (no transport worker), so no line is lost at exit. */
export function prettyStream(destination: number | DestinationStream = 1): DestinationStream {
  return pinoPretty({
    destination,
    sync: true,
    colorize: typeof destination === 'number',
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}

/**
 * Logs to stdout (pretty at a terminal, see `prettyLogs`) unless given a destination (tests
 * capture the JSON lines to check what leaks).
 */
export function createPino(
  level: string,
  destination?: DestinationStream,
  pretty = !destination && prettyLogs(),
): Pino {
  const stream = pretty ? prettyStream(destination) : destination;
  const logger = stream ? pino(pinoOptions(level), stream) : pino(pinoOptions(level));
  return Object.assign(logger, { serializers: { req: serializeRequest } });
}

/** Routes Nest's Logger calls into pino, keeping the context as a field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ) {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (message !== null && typeof message === 'object') {
      this.pino[level]({ context, ...message }, params.map(String).join(' ') || undefined);
    } else {
      const trace = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
      this.pino[level]({ context, trace }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
