import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../../../config/app-config';
import type { TokenUsage } from './narrative-provider';
import type { ChatMessage } from './openai-prompt';
import { addUsage, ProviderError } from './provider-error';

/** Backoff before retry n (1-based): 100 ms, 200 ms, 400 ms … capped at 2 s. */
export function retryDelayMs(retry: number): number {
  return Math.min(2_000, 100 * 2 ** (retry - 1));
}

/**
 * One structured question to the model: the messages, the `response_format` to ask for, and
 * `parse`, which turns the message content into the answer or throws (any error: the answer
 * is invalid). Nothing the model says reaches a caller without going through `parse`.
 */
export interface ChatRequest<T> {
  messages: ChatMessage[];
  /** e.g. `{ type: 'json_object' }` or `{ type: 'json_schema', json_schema: {...} }`. */
  responseFormat: Record<string, unknown>;
  parse: (content: string) => T;
  /** Attempts in all (1 = no retry). */
  attempts: number;
  temperature?: number;
}

/** A streamed answer: its text deltas, then the usage the endpoint reported. */
export interface ChatStream {
  deltas: AsyncIterable<string>;
  usage: () => TokenUsage | null;
}

export interface ChatAnswer<T> {
  value: T;
  /** Summed over every attempt (an invalid answer is billed too). */
  usage: TokenUsage | null;
}

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM …), shared by every AI
 * feature. One `complete` is one logical call: up to `attempts` HTTP attempts, each bounded
 * by AI_TIMEOUT_MS. Network errors, timeouts, 429, 5xx and invalid answers are retried with a
 * short exponential backoff; other 4xx are not (a wrong key or model will not fix itself).
 * The circuit breaker sits around this whole call (OpenAiCircuitBreaker).
 */
@Injectable()
export class OpenAiChatClient {
  private readonly logger = new Logger(OpenAiChatClient.name);

  constructor(private readonly config: AppConfig) {}

  get model(): string {
    return this.config.ai.model;
  }

  async complete<T>(request: ChatRequest<T>): Promise<ChatAnswer<T>> {
    const body = this.body(request.messages, request.temperature, {
      response_format: request.responseFormat,
    });
    let usage: TokenUsage | null = null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const reply = await this.post(body);
        usage = addUsage(usage, reply.usage);
        return { value: parseWith(request.parse, reply.content), usage };
      } catch (error) {
        const failure = asProviderError(error);
        // An answer that failed validation was still billed: keep the tokens it reported.
        usage = addUsage(usage, failure.usage);
        if (!failure.retryable || attempt >= request.attempts) throw failure.withUsage(usage);
        this.logger.warn(
          { attempt, failure: failure.failure, reason: failure.message },
          'AI provider attempt failed; retrying',
        );
        await sleep(retryDelayMs(attempt));
      }
    }
  }

  /**
   * One streamed answer (`stream: true`): the content deltas as they arrive, and the usage the
   * endpoint reported (with `stream_options.include_usage`), readable once the deltas are done.
   * One attempt, no retry (a retry would repeat text already shown), bounded by AI_TIMEOUT_MS
   * as a whole. A provider that answers a plain chat.completion instead of an event stream
   * still works: its content arrives as one delta. Failures are ProviderErrors.
   */
  async stream(messages: ChatMessage[], temperature?: number): Promise<ChatStream> {
    const { timeoutMs } = this.config.ai;
    const { response, signal } = await this.send(
      this.body(messages, temperature, { stream: true, stream_options: { include_usage: true } }),
      'text/event-stream',
    );
    if (!response.body) throw httpFailure(response.status);
    const state: { usage: TokenUsage | null } = { usage: null };
    const eventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    const source = response.body;
    async function* deltas(): AsyncGenerator<string> {
      try {
        if (!eventStream) {
          const payload = JSON.parse(await new Response(source).text()) as unknown;
          state.usage = readUsage(payload);
          yield contentOf(payload, { retryable: false });
          return;
        }
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of source as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          const events = buffer.split(/\r?\n\r?\n/);
          buffer = events.pop() ?? '';
          for (const event of events) {
            const data = event
              .split(/\r?\n/)
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trimStart())
              .join('\n');
            if (!data) continue;
            if (data === '[DONE]') return;
            const payload = JSON.parse(data) as {
              choices?: { delta?: { content?: unknown } }[];
            };
            state.usage = readUsage(payload) ?? state.usage;
            const content = payload?.choices?.[0]?.delta?.content;
            if (typeof content === 'string' && content) yield content;
          }
        }
      } catch (error) {
        if (error instanceof ProviderError) throw error.withUsage(state.usage);
        if (signal.aborted) throw fetchFailure(error, timeoutMs).withUsage(state.usage);
        if (error instanceof SyntaxError) {
          throw new ProviderError('invalid', `a stream chunk is not JSON: ${error.message}`, {
            retryable: false,
            usage: state.usage,
          });
        }
        throw fetchFailure(error, timeoutMs).withUsage(state.usage);
      }
    }
    return { deltas: deltas(), usage: () => state.usage };
  }

  /** The request body: the configured model, the temperature, `extra`, the messages. */
  private body(messages: ChatMessage[], temperature = 0.2, extra: object = {}): string {
    return JSON.stringify({ model: this.config.ai.model, temperature, ...extra, messages });
  }

  /**
   * Sends one request to the chat-completions endpoint, bounded by AI_TIMEOUT_MS (`signal`
   * keeps running while the caller reads the body): the response when it is a 2xx, else a
   * ProviderError (network error, timeout, or the HTTP status; 429 and 5xx retryable).
   */
  private async send(
    body: string,
    accept: string,
  ): Promise<{ response: Response; signal: AbortSignal }> {
    const { baseUrl, apiKey, timeoutMs } = this.config.ai;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        headers,
        body,
        signal,
      });
    } catch (error) {
      throw fetchFailure(error, timeoutMs);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw httpFailure(response.status);
    }
    return { response, signal };
  }

  /** One HTTP attempt: the message content and the reported token usage. */
  private async post(body: string): Promise<{ content: string; usage: TokenUsage | null }> {
    const { timeoutMs } = this.config.ai;
    const { response, signal } = await this.send(body, 'application/json');
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      if (signal.aborted) throw fetchFailure(error, timeoutMs);
      throw new ProviderError('invalid', 'the response body is not JSON', { retryable: true });
    }
    const usage = readUsage(payload);
    return { content: contentOf(payload, { retryable: true, usage }), usage };
  }
}

function httpFailure(status: number): ProviderError {
  return new ProviderError('error', `HTTP ${status} from the chat completions endpoint`, {
    retryable: status === 429 || status >= 500,
    status,
  });
}

/** A plain chat.completion's message content, or ProviderError 'invalid'. */
function contentOf(
  payload: unknown,
  options: { retryable: boolean; usage?: TokenUsage | null },
): string {
  const content = (payload as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]
    ?.message?.content;
  if (typeof content !== 'string') {
    throw new ProviderError('invalid', 'the response has no choices[0].message.content', options);
  }
  return content;
}

/** The parsed answer, or ProviderError 'invalid' (retryable) with the parser's reason. */
function parseWith<T>(parse: (content: string) => T, content: string): T {
  try {
    return parse(content);
  } catch (error) {
    throw new ProviderError('invalid', (error as Error)?.message ?? String(error), {
      retryable: true,
    });
  }
}

function fetchFailure(error: unknown, timeoutMs: number): ProviderError {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('timeout', `no answer within ${timeoutMs} ms`, { retryable: true });
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new ProviderError('error', `network error: ${detail}`, { retryable: true });
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError('error', (error as Error)?.message ?? String(error), {
    retryable: false,
  });
}

function readUsage(payload: unknown): TokenUsage | null {
  const usage = (payload as { usage?: Record<string, unknown> } | null)?.usage;
  if (!usage || typeof usage !== 'object') return null;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
  const promptTokens = int(usage.prompt_tokens);
  const completionTokens = int(usage.completion_tokens);
  return promptTokens === null && completionTokens === null
    ? null
    : { promptTokens, completionTokens };
}
