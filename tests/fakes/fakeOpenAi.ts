import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions answers with scripted replies and
 * records every request, so tests can drive the real `openai`/LangChain clients and inspect what left the
 * process. Listens on 127.0.0.1 with an OS-chosen port.
 */
export type FakeReply =
  /** A well-formed completion whose content (or tool-call arguments) is this value as JSON. */
  | { kind: 'json'; body: unknown }
  /** A completion whose content is this raw text (malformed JSON, prose, a leaked prompt…). */
  | { kind: 'text'; content: string }
  /** An HTTP error such as 500 or 429. */
  | { kind: 'status'; status: number; message?: string }
  /** The given reply, after a delay (to go beyond the caller's budget). */
  | { kind: 'slow'; delayMs: number; reply: FakeReply };

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw request body exactly as received. */
  raw: string;
  body: unknown;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply;

export interface FakeOpenAi {
  /** Base URL for OPENAI_BASE_URL, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replies used in order, one per request, before the handler. */
  enqueue(...replies: FakeReply[]): void;
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** Starts the fake; the default handler answers `{}` as JSON. Does network I/O on 127.0.0.1 only. */
export async function startFakeOpenAi(handler: FakeHandler = () => ({ kind: 'json', body: {} })): Promise<FakeOpenAi> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, raw, body: safeJson(raw) };
      requests.push(recorded);
      if (req.method !== 'POST' || !recorded.path.endsWith('/chat/completions')) {
        return send(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      }
      return respond(req, res, queue.shift() ?? current(recorded), recorded.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake OpenAI server did not get a TCP port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(req: IncomingMessage, res: ServerResponse, reply: FakeReply, body: unknown): void {
  if (reply.kind === 'slow') {
    const timer = setTimeout(() => respond(req, res, reply.reply, body), reply.delayMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (reply.kind === 'status') {
    send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: 'server_error', code: null } });
    return;
  }
  const content = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.content;
  send(res, 200, completion(content, toolName(body)));
}

function completion(content: string, tool: string | null): unknown {
  const message = tool
    ? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: tool, arguments: content } }] }
    : { role: 'assistant', content, refusal: null };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, message, finish_reason: tool ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

/** The forced function name when the client asked for function calling, else null. */
function toolName(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('tool_choice' in body)) return null;
  const choice = body.tool_choice;
  if (typeof choice !== 'object' || choice === null || !('function' in choice)) return null;
  const fn = choice.function;
  return typeof fn === 'object' && fn !== null && 'name' in fn && typeof fn.name === 'string' ? fn.name : null;
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
