import { getEncoding, Tiktoken } from 'js-tiktoken';

let encoder: Tiktoken | undefined;

/**
 * Tokens of a text in cl100k_base (the encoding of the GPT-3.5/4 family; other models' counts
 * differ by a few per cent, which the budget's margin absorbs). The ranks load once, lazily (a few
 * seconds on a busy machine: the first turn pays for it).
 */
export function countTokens(text: string): number {
  encoder ??= getEncoding('cl100k_base');
  return encoder.encode(text).length;
}

/** Tokens a chat message costs beyond its content (role and separators, OpenAI's rule of thumb). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
