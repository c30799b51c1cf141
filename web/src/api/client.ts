import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one HTTP client of the app, typed from the API's OpenAPI document. Same origin, so the
 * `fe_session` cookie goes along; the header tells the server the request comes from our own
 * pages (its CSRF defence refuses state changes by cookie without it).
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { 'X-Requested-With': 'fanevents-web' },
});

export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  code?: string;
  [key: string]: unknown;
}

/** An answer other than 2xx, with the server's messages and 409 `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly messages: string[];
  readonly body: ApiErrorBody;

  constructor(status: number, body: unknown) {
    const b: ApiErrorBody = typeof body === 'object' && body !== null ? (body as ApiErrorBody) : {};
    const messages = Array.isArray(b.message)
      ? b.message
      : typeof b.message === 'string'
        ? [b.message]
        : [];
    super(messages.join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof b.code === 'string' ? b.code : undefined;
    this.messages = messages;
    this.body = b;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or an ApiError carrying the server's explanation. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}

/**
 * The server's 400 messages by the field they name ("accommodation.checkOut must be …" belongs
 * to `accommodation.checkOut`); the messages no listed field claims are returned under `''`.
 */
export function messagesByField(error: unknown, fields: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!(error instanceof ApiError) || error.status !== 400) return out;
  // Longest first, so `accommodation.checkOut` wins over a field named `accommodation`.
  const sorted = [...fields].sort((a, b) => b.length - a.length);
  for (const message of error.messages) {
    const field = sorted.find((f) => message === f || message.startsWith(`${f} `)) ?? '';
    out.set(field, [...(out.get(field) ?? []), message]);
  }
  return out;
}
