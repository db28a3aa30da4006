import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** How the fake server answers one request. */
export interface Reply {
  status?: number;
  delayMs?: number;
  /** The chat completion's message content (wrapped in a chat.completion object). */
  content?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** A raw body instead of a chat.completion object. */
  raw?: string;
  /**
   * For a request with `stream: true`: the content deltas, sent as `chat.completion.chunk`
   * Server-Sent Events then `data: [DONE]` (default: `content` cut into pieces of 8 characters).
   */
  chunks?: string[];
  /** Pause between two streamed chunks. */
  chunkDelayMs?: number;
}

/** A small OpenAI-compatible chat-completions server on 127.0.0.1, scripted per test. */
export class FakeChatServer {
  readonly requests: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
  /** Requests whose client hung up before the answer (a timeout on FitAI's side). */
  abandoned = 0;
  private script: Reply[] = [];
  private defaultReply: Reply = { status: 500, raw: '{"error":{"message":"not scripted"}}' };
  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  get hits(): number {
    return this.requests.length;
  }

  /** The next replies, in order; after them every request gets `then`. */
  script_(replies: Reply[], then: Reply = this.defaultReply): void {
    this.script = [...replies];
    this.defaultReply = then;
  }

  reset(): void {
    this.requests.length = 0;
    this.abandoned = 0;
    this.script_([], { status: 500, raw: '{"error":{"message":"not scripted"}}' });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.on('close', () => {
      if (!res.writableFinished) this.abandoned += 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      this.requests.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      const reply = this.script.shift() ?? this.defaultReply;
      const body = this.requests[this.requests.length - 1].body;
      if (body.stream === true && reply.raw === undefined && (reply.status ?? 200) === 200) {
        const start = () => void this.stream(res, reply);
        if (reply.delayMs) setTimeout(start, reply.delayMs).unref();
        else start();
        return;
      }
      const send = () => {
        if (res.destroyed) return; // the client gave up (timeout)
        const body =
          reply.raw ??
          JSON.stringify({
            id: `chatcmpl-${randomUUID()}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'test-model',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: reply.content ?? '' },
                finish_reason: 'stop',
              },
            ],
            ...(reply.usage
              ? {
                  usage: {
                    ...reply.usage,
                    total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens,
                  },
                }
              : {}),
          });
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  }

  /** A streamed answer, as OpenAI sends it: chunk events, a usage event, then [DONE]. */
  private async stream(res: ServerResponse, reply: Reply): Promise<void> {
    if (res.destroyed) return;
    const content = reply.content ?? '';
    const chunks =
      reply.chunks ??
      Array.from({ length: Math.ceil(content.length / 8) }, (_, i) =>
        content.slice(i * 8, i * 8 + 8),
      );
    const id = `chatcmpl-${randomUUID()}`;
    const event = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'test-model', choices, ...extra })}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(
      event([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    );
    for (const chunk of chunks) {
      if (reply.chunkDelayMs)
        await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      if (res.destroyed) return;
      res.write(event([{ index: 0, delta: { content: chunk }, finish_reason: null }]));
    }
    res.write(event([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    if (reply.usage) {
      res.write(
        event([], {
          usage: {
            ...reply.usage,
            total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens,
          },
        }),
      );
    }
    res.end('data: [DONE]\n\n');
  }
}
