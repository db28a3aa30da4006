import type { ChatAnswer, ChatStream } from './providers/openai-chat.client';
import { ProviderError } from './providers/provider-error';

/** The end of a released piece: a sentence terminator followed by white space. */
const SENTENCE_END = /[.!?:;\n](?=\s)/g;

/** Splits buffered text into the complete sentences it holds and the rest. */
export function completeSentences(buffer: string): [ready: string, rest: string] {
  let end = -1;
  for (const match of buffer.matchAll(SENTENCE_END)) end = match.index + 1;
  return end < 0 ? ['', buffer] : [buffer.slice(0, end), buffer.slice(end)];
}

/**
 * Reads a streamed answer sentence by sentence: each piece goes through `check` (which throws,
 * with the reason, when it may not be shown) before `show` gets it. Resolves with the whole
 * text and the reported usage; a piece that fails `check`, or an empty answer, is a
 * ProviderError 'invalid' carrying the tokens spent (AiService.stream then falls back).
 */
export async function readChecked(
  stream: ChatStream,
  check: (text: string) => void,
  show: (text: string) => void,
): Promise<ChatAnswer<string>> {
  const release = (piece: string) => {
    try {
      check(piece);
    } catch (error) {
      throw new ProviderError('invalid', (error as Error)?.message ?? String(error), {
        retryable: false,
        usage: stream.usage(),
      });
    }
    show(piece);
  };
  let buffer = '';
  let full = '';
  for await (const delta of stream.deltas) {
    buffer += delta;
    full += delta;
    const [ready, rest] = completeSentences(buffer);
    if (ready) release(ready);
    buffer = rest;
  }
  const usage = stream.usage();
  if (!full.trim()) {
    throw new ProviderError('invalid', 'the answer is empty', { retryable: false, usage });
  }
  if (buffer) release(buffer);
  return { value: full.trim(), usage };
}
