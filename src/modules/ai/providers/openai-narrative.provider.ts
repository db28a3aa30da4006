import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { parseModelAnswer } from '../dto/model-answer.dto';
import { fillPlaceholders, PlaceholderValues, placeholderValues } from '../narrative-template';
import type { NarrativeInput } from './narrative-provider';
import type { ChatRequest } from './openai-chat.client';
import { buildMessages } from './openai-prompt';

/** The words of a summary, every number already substituted from the statistics. */
export interface NarrativeWords {
  narrative: string;
  highlights: string[];
}

/**
 * A summary's narrative as a question to an OpenAI-compatible model (OpenAiChatClient asks it).
 * The answer must be JSON `{ narrative, highlights }` whose numbers are all placeholders; it is
 * validated and filled from the statistics before it is returned, never stored broken. Up to
 * 1 + AI_MAX_RETRIES attempts.
 */
@Injectable()
export class OpenAiNarrativeProvider {
  constructor(private readonly config: AppConfig) {}

  request(input: NarrativeInput): ChatRequest<NarrativeWords> {
    const values = placeholderValues(input.stats, input.insights);
    return {
      messages: buildMessages(input, values),
      responseFormat: { type: 'json_object' },
      parse: (content) => fillAnswer(content, values),
      attempts: 1 + this.config.ai.maxRetries,
    };
  }
}

/** Validates the model's JSON and substitutes its placeholders; throws if invalid. */
function fillAnswer(content: string, values: PlaceholderValues): NarrativeWords {
  const answer = parseModelAnswer(content);
  return {
    narrative: fillPlaceholders(answer.narrative, values),
    highlights: answer.highlights.map((h) => fillPlaceholders(h, values)),
  };
}
