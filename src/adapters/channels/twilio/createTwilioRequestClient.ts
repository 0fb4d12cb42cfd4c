import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { z } from 'zod';

/**
 * An HTTP error answer of the Twilio REST API with what the SDK's RestException drops: the Retry-After header.
 * Thrown by the request client built below; mapTwilioError reads it like a RestException.
 */
export class TwilioHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    /** Retry-After in milliseconds, when the answer had one (429, 503). */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'TwilioHttpError';
  }
}

const errorBody = z.object({ code: z.number().optional(), message: z.string().optional() });

/**
 * Builds the official twilio RequestClient with two changes. With `baseUrl`, every REST call goes there instead of
 * the *.twilio.com host the SDK chose (path and query kept): twilio@6 has no base-URL option (`edge`/`region` only
 * rewrite the subdomain), while `httpClient` sees each final URI. And an HTTP error answer (4xx/5xx) is thrown as a
 * TwilioHttpError carrying Retry-After, which the SDK's own RestException loses. Does no I/O itself.
 */
export function createTwilioRequestClient(options: { baseUrl?: string; timeoutMs: number }): twilio.RequestClient {
  const target = options.baseUrl ? new URL(options.baseUrl) : undefined;
  const prefix = target ? target.pathname.replace(/\/+$/, '') : '';

  class PactoRequestClient extends twilio.RequestClient {
    override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const original = new URL(opts.uri);
      const uri = target ? new URL(`${prefix}${original.pathname}${original.search}`, target.origin).href : opts.uri;
      const response = await super.request<TData>({ ...opts, uri });
      if (response.statusCode < 400) return response;
      const parsed = errorBody.safeParse(typeof response.body === 'string' ? safeJson(response.body) : response.body);
      const body = parsed.success ? parsed.data : {};
      const headers: Record<string, unknown> = response.headers ?? {};
      throw new TwilioHttpError(response.statusCode, body.code, body.message ?? `HTTP ${response.statusCode}`, parseRetryAfter(headers['retry-after']));
    }
  }

  return new PactoRequestClient({ timeout: options.timeoutMs, autoRetry: false });
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
