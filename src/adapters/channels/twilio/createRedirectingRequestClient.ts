import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/**
 * Builds the official twilio RequestClient, but sends every REST call to `baseUrl` instead of the
 * *.twilio.com host the SDK chose (the path and query are kept). twilio@6 has no base-URL option:
 * `edge`/`region` only rewrite the twilio.com subdomain, while `httpClient` sees each final URI, so
 * this is the one place that covers every product domain. Does no I/O itself.
 */
export function createRedirectingRequestClient(baseUrl: string, options: { timeoutMs: number }): twilio.RequestClient {
  const target = new URL(baseUrl);
  const prefix = target.pathname.replace(/\/+$/, '');

  class RedirectingRequestClient extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const original = new URL(opts.uri);
      const redirected = new URL(`${prefix}${original.pathname}${original.search}`, target.origin);
      return super.request<TData>({ ...opts, uri: redirected.href });
    }
  }

  return new RedirectingRequestClient({ timeout: options.timeoutMs, autoRetry: false });
}
