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
}
