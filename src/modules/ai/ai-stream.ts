import { Injectable, Logger } from '@nestjs/common';
import { AiMetrics } from './ai-metrics';
import { AiAnswer, AiService, AiTask } from './ai.service';
import { BreakerOpenError, OpenAiCircuitBreaker } from './openai-circuit-breaker';
import { OpenAiChatClient } from './providers/openai-chat.client';
import type { ChatMessage } from './providers/openai-prompt';
import { ProviderError } from './providers/provider-error';
import type { TokenUsage } from './providers/narrative-provider';

/** What a streamed answer shows the client, in order. */
export type AiStreamEvent =
  /** More text of the answer, already checked. */
  | { type: 'delta'; text: string }
  /** The text shown so far is withdrawn: show this instead (the local provider's answer). */
  | { type: 'replace'; text: string; reason: string };

/**
 * A free-text answer that may stream: the local provider's text (always possible), and the
 * remote model's messages with `check`, which throws (with the reason) when a piece of text may
 * not be shown. Text is released sentence by sentence, each checked first.
 */
export interface AiStreamTask extends Omit<AiTask<string>, 'remote'> {
  messages: ChatMessage[];
  check: (text: string) => void;
}

/** The end of a released piece: a sentence terminator followed by white space. */
const SENTENCE_END = /[.!?:;\n](?=\s)/g;

/** Splits buffered text into the complete sentences it holds and the rest. */
export function completeSentences(buffer: string): [ready: string, rest: string] {
  let end = -1;
  for (const match of buffer.matchAll(SENTENCE_END)) end = match.index + 1;
  return end < 0 ? ['', buffer] : [buffer.slice(0, end), buffer.slice(end)];
}

/**
 * Streaming for free-text AI features (the chat coach): the remote model's answer streamed
 * (OpenAiChatClient.stream) through the shared circuit breaker, checked sentence by sentence;
 * a failure, a timeout or a piece that fails `check` ends the remote answer and the local
 * provider answers instead (a `replace` event when text was already shown). Metered like
 * AiService.run: one answering row per request ('success' or 'fallback'), plus the failed
 * remote call's row. No retry: text already shown cannot be taken back by a second attempt.
 */
@Injectable()
export class AiStreamService {
  private readonly logger = new Logger(AiStreamService.name);

  constructor(
    private readonly ai: AiService,
    private readonly chat: OpenAiChatClient,
    private readonly breaker: OpenAiCircuitBreaker,
    private readonly metrics: AiMetrics,
  ) {}

  /** True when answers can stream (a remote model is configured). */
  get streams(): boolean {
    return this.ai.remoteConfigured;
  }

  async stream(
    task: AiStreamTask,
    emit: (event: AiStreamEvent) => void,
  ): Promise<AiAnswer<string>> {
    let shown = false;
    if (this.ai.remoteConfigured) {
      const started = Date.now();
      let usage: TokenUsage | null = null;
      try {
        const text = await this.breaker.fire(async () => {
          const stream = await this.chat.stream(task.messages);
          let buffer = '';
          let full = '';
          const release = (piece: string) => {
            try {
              task.check(piece);
            } catch (error) {
              usage = stream.usage();
              throw new ProviderError('invalid', (error as Error)?.message ?? String(error), {
                retryable: false,
                usage,
              });
            }
            emit({ type: 'delta', text: piece });
            shown = true;
          };
          for await (const delta of stream.deltas) {
            buffer += delta;
            full += delta;
            const [ready, rest] = completeSentences(buffer);
            if (ready) release(ready);
            buffer = rest;
          }
          usage = stream.usage();
          if (!full.trim()) {
            throw new ProviderError('invalid', 'the answer is empty', { retryable: false, usage });
          }
          if (buffer) release(buffer);
          return full.trim();
        });
        await this.ai.meter(task, 'openai', this.chat.model, 'success', started, usage);
        return { value: text, provider: 'openai', model: this.chat.model, fellBack: false };
      } catch (error) {
        if (error instanceof BreakerOpenError) {
          this.metrics.recordCall('openai', 'rejected_open', task.feature);
        } else {
          const failure =
            error instanceof ProviderError
              ? error
              : new ProviderError('error', (error as Error)?.message ?? String(error), {
                  retryable: false,
                });
          this.logger.warn(
            {
              userId: task.userId,
              feature: task.feature,
              failure: failure.failure,
              reason: failure.message,
            },
            'remote AI stream failed; the local provider answers',
          );
          await this.ai.meter(
            task,
            'openai',
            this.chat.model,
            failure.failure,
            started,
            failure.usage ?? usage,
          );
        }
      }
      const started2 = Date.now();
      const text = await task.local();
      await this.ai.meter(task, 'local', task.localModel, 'fallback', started2, null);
      emit(
        shown
          ? { type: 'replace', text, reason: 'the model’s answer was withdrawn' }
          : { type: 'delta', text },
      );
      return { value: text, provider: 'local', model: task.localModel, fellBack: true };
    }
    const started = Date.now();
    const text = await task.local();
    await this.ai.meter(task, 'local', task.localModel, 'success', started, null);
    emit({ type: 'delta', text });
    return { value: text, provider: 'local', model: task.localModel, fellBack: false };
  }
}
