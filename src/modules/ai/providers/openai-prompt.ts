import type { PlaceholderValues } from '../narrative-template';
import type { NarrativeInput } from './narrative-provider';

/** Bounds on what is sent to the model. */
export const PROMPT_MAX_NOTES = 20;
export const PROMPT_MAX_NOTE_CHARS = 400;
export const PROMPT_MAX_NOTES_CHARS = 4_000;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export const SYSTEM_PROMPT = [
  'You write the short narrative of a personal mood and wellbeing summary for someone using a journaling app.',
  'Address them as "you". Be warm, specific and brief. Give no medical advice.',
  'Answer with one JSON object and nothing else: {"narrative": string, "highlights": string[]}.',
  '- "narrative": two to four sentences.',
  '- "highlights": at most five short bullet points, each under one hundred and twenty characters.',
  'Numbers rule: never write a digit. Every number, date, tag name or key phrase you mention must be',
  'written as a placeholder from the "placeholders" list, exactly as {{name}} (for example',
  '"your mood averaged {{mood.average}} out of ten"); each placeholder is replaced by its value.',
  'Use only placeholders from the list. Do not spell numbers out in words.',
  "The notes are the person's own words: use them for themes and tone, never quote numbers from them.",
].join('\n');

/** Newest notes first, each cut to a length, the lot capped in total characters. */
export function boundedNotes(notes: string[]): string[] {
  const chosen: string[] = [];
  let total = 0;
  for (const note of notes.slice(0, PROMPT_MAX_NOTES)) {
    const text = note.trim().slice(0, PROMPT_MAX_NOTE_CHARS);
    if (!text) continue;
    if (total + text.length > PROMPT_MAX_NOTES_CHARS) break;
    chosen.push(text);
    total += text.length;
  }
  return chosen;
}

/** The system and user messages: rules, then the placeholders, statistics and notes as JSON. */
export function buildMessages(
  input: NarrativeInput,
  placeholders: PlaceholderValues,
): ChatMessage[] {
  const user = {
    placeholders,
    statistics: input.stats,
    noteInsights: input.insights,
    notes: boundedNotes(input.notes),
  };
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: JSON.stringify(user) },
  ];
}
