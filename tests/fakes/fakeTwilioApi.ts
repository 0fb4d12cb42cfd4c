import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listMessagesPage, toResource } from './listFakeMessages';

/** One message the fake accepted, as the official client sent it. */
export interface RecordedMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
  /** An approved WhatsApp template sent through the Content API instead of a body. */
  contentSid?: string;
  contentVariables?: Record<string, string>;
  /** The client's tag when it called through `${url}/via/<tag>` (one TWILIO_API_BASE_URL per service process). */
  via?: string;
  /** Every form field as sent, for assertions on anything else. */
  form: Record<string, string>;
  receivedAt: Date;
}

export interface FakeTwilioApiOptions {
  accountSid?: string;
  authToken?: string;
  /**
   * Enforces WhatsApp's 24-hour window as Twilio does: free text (a Body without ContentSid) to a WhatsApp address
   * whose last inbound message (recordInbound) is 24 hours or more before `clock.now()` is refused with error 63016.
   */
  whatsappWindow?: { clock: { now(): Date } };
}

/**
 * A provider fault the fake keeps answering with until cleared (setFault(undefined)), on every call (send and list):
 * - rate_limited: 429 with `Retry-After: retryAfterSeconds` (Twilio error 20429);
 * - unavailable: 500 (or 503) with Twilio error 20500;
 * - hang: never answers, so the client times out; with `accept`, a send is still accepted (it shows in `messages`
 *   and in the list call), as when Twilio took the message but the answer never came back;
 * - permanent: 400 with the Twilio error code given (21211 invalid number by default).
 */
export type FakeTwilioFault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'unavailable'; status?: 500 | 503 }
  | { kind: 'hang'; accept: boolean }
  | { kind: 'permanent'; twilioCode?: number };

export interface FakeTwilioApi {
  /** Base URL to give as TWILIO_API_BASE_URL, e.g. http://127.0.0.1:41234 */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted so far, in arrival order (failed attempts are not recorded here). */
  messages: RecordedMessage[];
  /** Every request that reached the fake, including failed and unauthorised ones (status 0: held, never answered). */
  requests: Array<{ method: string; path: string; status: number; via?: string }>;
  /**
   * Message requests held without an answer (see hold()): the client waits as for a Twilio that never replies, and
   * the fake never accepts them, so they are not in `messages`.
   */
  held: Array<{ via?: string; form: Record<string, string> }>;
  /** From now on, never answers (nor accepts) message requests that come through `/via/<tag>` (a process about to be killed). */
  hold(via: string): void;
  /** Makes the next `count` message requests (sends or lists) fail with `status` (500 or 429 for retry tests, 400 for rejects). */
  failNext(count: number, status: 400 | 429 | 500 | 503, twilioCode?: number, retryAfterSeconds?: number): void;
  /** Answers every call with `fault` from now on; undefined restores normal service (hung calls stay hung). */
  setFault(fault: FakeTwilioFault | undefined): void;
  /** Message creates answered with a fault or hung, by fault kind (what the service had to retry). */
  faultCounts: Record<FakeTwilioFault['kind'], number>;
  /** The person at `address` (whatsapp:+…) wrote at `at`: opens the 24-hour window (with options.whatsappWindow). */
  recordInbound(address: string, at: Date): void;
  /** Resolves when at least `count` messages have been accepted, or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<RecordedMessage[]>;
  /** Resolves with the first accepted message matching `predicate` (already here or still to come). */
  waitForMessage(predicate: (m: RecordedMessage) => boolean, timeoutMs?: number): Promise<RecordedMessage>;
  close(): Promise<void>;
}

const messagesPath = /^(?:\/via\/([\w-]+))?\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

/**
 * Starts a local HTTP server on 127.0.0.1 (free port) that imitates Twilio's Programmable Messaging
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` (checks basic auth, parses the form body, answers with a realistic
 * message resource and records it) and `GET …/Messages.json` (the list, filtered and paged), and answers with provider
 * faults on demand (setFault, failNext). Does network I/O.
 */
export async function startFakeTwilioApi(options: FakeTwilioApiOptions = {}): Promise<FakeTwilioApi> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const messages: RecordedMessage[] = [];
  const requests: FakeTwilioApi['requests'] = [];
  const held: FakeTwilioApi['held'] = [];
  const holding = new Set<string>();
  const failures: Array<{ status: number; code: number; retryAfterSeconds?: number }> = [];
  let fault: FakeTwilioFault | undefined;
  const faultCounts: FakeTwilioApi['faultCounts'] = { rate_limited: 0, unavailable: 0, hang: 0, permanent: 0 };
  const waiters = new Set<() => void>();
  const lastInbound = new Map<string, number>();

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const { status, via } = handle(req, res, raw);
        requests.push({ method: req.method ?? '', path: req.url ?? '', status, ...(via ? { via } : {}) });
        for (const wake of waiters) wake();
      })
      .catch(() => sendJson(res, 500, { code: 20500, message: 'fake failed to read body', status: 500 }));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): { status: number; via?: string } {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = messagesPath.exec(url.pathname);
    if (match && req.method === 'GET') {
      const via = match[1];
      return { status: handleList(req, res, url, match[2]), ...(via ? { via } : {}) };
    }
    if (!match || req.method !== 'POST') {
      return { status: sendJson(res, 404, { code: 20404, message: `The requested resource ${url.pathname} was not found`, status: 404 }) };
    }
    const via = match[1];
    return { status: handleMessage(req, res, raw, match[2], via), ...(via ? { via } : {}) };
  }

  function handleMessage(req: IncomingMessage, res: ServerResponse, raw: string, pathAccountSid: string | undefined, via: string | undefined): number {
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || pathAccountSid !== accountSid) {
      return sendJson(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (via && holding.has(via)) {
      held.push({ via, form });
      return 0;
    }
    const failure = failures.shift() ?? faultAnswer();
    if (failure) {
      if (fault) faultCounts[fault.kind] += 1;
      return sendFailure(res, failure);
    }
    if (fault?.kind === 'hang') {
      faultCounts.hang += 1;
      if (fault.accept) accept(form, via);
      held.push({ ...(via ? { via } : {}), form });
      return 0;
    }
    if (!form.To || !form.From || (!form.Body && !form.ContentSid)) {
      const missing = !form.To ? 'To' : !form.From ? 'From' : 'Body';
      return sendJson(res, 400, { code: 21604, message: `A '${missing}' parameter is required.`, status: 400 });
    }
    if (options.whatsappWindow && form.To.startsWith('whatsapp:') && !form.ContentSid) {
      const last = lastInbound.get(form.To);
      if (last === undefined || options.whatsappWindow.clock.now().getTime() - last >= 24 * 3_600_000) {
        return sendJson(res, 400, { code: 63016, message: 'Failed to send freeform message because you are outside the allowed window. Please use a Template.', more_info: 'https://www.twilio.com/docs/errors/63016', status: 400 });
      }
    }
    return sendJson(res, 201, toResource(accept(form, via)));
  }

  /** The fault's answer to a call, or undefined when there is no fault or it hangs. */
  function faultAnswer(): { status: number; code: number; retryAfterSeconds?: number } | undefined {
    if (!fault) return undefined;
    if (fault.kind === 'rate_limited') return { status: 429, code: 20429, retryAfterSeconds: fault.retryAfterSeconds };
    if (fault.kind === 'unavailable') return { status: fault.status ?? 500, code: 20500 };
    if (fault.kind === 'permanent') return { status: 400, code: fault.twilioCode ?? 21211 };
    return undefined;
  }

  /**
   * GET Messages.json as Twilio answers it: filtered by To, From and DateSent (=, <, >), newest first, paged with
   * PageSize and Page (next_page_uri). Accepted messages show as sent, with DateSent the moment they were accepted.
   */
  function handleList(req: IncomingMessage, res: ServerResponse, url: URL, pathAccountSid: string | undefined): number {
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || pathAccountSid !== accountSid) {
      return sendJson(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const answer = failures.shift() ?? faultAnswer();
    if (answer) return sendFailure(res, answer);
    if (fault?.kind === 'hang') return 0;
    return sendJson(res, 200, listMessagesPage(messages, url));
  }

  function accept(form: Record<string, string>, via: string | undefined): RecordedMessage {
    const record: RecordedMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to: form.To ?? '',
      from: form.From ?? '',
      body: form.Body ?? '',
      statusCallback: form.StatusCallback,
      ...(form.ContentSid ? { contentSid: form.ContentSid, contentVariables: parseVariables(form.ContentVariables) } : {}),
      ...(via ? { via } : {}),
      form,
      receivedAt: new Date(),
    };
    messages.push(record);
    return record;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake Twilio API did not get a TCP address');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requests,
    held,
    recordInbound(address, at) {
      lastInbound.set(address, at.getTime());
    },
    hold(via) {
      holding.add(via);
    },
    failNext(count, status, twilioCode, retryAfterSeconds) {
      const code = twilioCode ?? (status === 429 ? 20429 : status === 400 ? 21211 : 20500);
      for (let i = 0; i < count; i += 1) failures.push({ status, code, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
    },
    setFault(next) {
      fault = next;
    },
    faultCounts,
    async waitForMessages(count, timeoutMs = 20_000) {
      await waitUntil(waiters, () => messages.length >= count, timeoutMs, () => `expected ${count} messages, got ${messages.length}`);
      return [...messages];
    },
    async waitForMessage(predicate, timeoutMs = 20_000) {
      let found: RecordedMessage | undefined;
      await waitUntil(waiters, () => (found = messages.find(predicate)) !== undefined, timeoutMs, () => 'no matching message');
      if (!found) throw new Error('unreachable: waitUntil resolved without a match');
      return found;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function waitUntil(waiters: Set<() => void>, done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!done()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`fake Twilio API: ${describe()} within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}

function sendFailure(res: ServerResponse, failure: { status: number; code: number; retryAfterSeconds?: number }): number {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
  res.writeHead(failure.status, headers);
  res.end(JSON.stringify({ code: failure.code, message: `fake failure ${failure.status}`, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status }));
  return failure.status;
}

function sendJson(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return status;
}

function parseVariables(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('ContentVariables is not a JSON object');
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
