import { Injectable } from '@nestjs/common';
import winkNLP, { ItemCustomEntity, ItsFunction, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { NoteInsights } from './ai.vocabulary';

/** Mean sentiment above this is 'positive', below its negative 'negative'. */
const SENTIMENT_NEUTRAL_BAND = 0.1;
const MAX_KEY_PHRASES = 8;
/** Parts of speech whose lemmas can be a one-word key phrase. */
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);
/** Multi-word phrases (noun compounds, adjective + noun) found by wink's custom entities. */
/** Light verbs and filler nouns that wink does not count as stop words but say nothing alone. */
const WEAK_WORDS = new Set(
  (
    'feel be have get go do make take seem look want need try keep start come know think say ' +
    'day today tonight yesterday time thing lot bit week'
  ).split(' '),
);
const PHRASE_PATTERNS = ['[ADJ|NOUN|PROPN] [NOUN]', '[ADJ|NOUN|PROPN] [NOUN] [NOUN]'];

let shared: WinkMethods | undefined;

/**
 * wink-nlp with its English "lite web" model (shipped inside the npm package: no download).
 * Loaded on first use (about 100 ms), once per process: the API never pays for it. The whole
 * default pipeline, though the analyzer reads no named entity: custom entities skip the spans
 * NER recognises (no "monday morning" phrase), and the sentiment depends on sentence
 * boundaries and negation; the spec pins the outputs. One instance per process: a second
 * instance over the same model object shares its lexicon and finds no custom entities.
 */
function nlp(): WinkMethods {
  if (!shared) {
    shared = winkNLP(model);
    shared.learnCustomEntities([{ name: 'phrase', patterns: PHRASE_PATTERNS }]);
  }
  return shared;
}

interface Candidate {
  phrase: string;
  words: number;
  /** Number of notes that mention it. */
  notes: number;
  /** Index of the first note (newest first) that mentions it: a stable tie-break. */
  firstSeen: number;
}

/**
 * Sentiment and key phrases of a period's notes, computed locally and deterministically for
 * every provider (so `SummaryNarrative.notes` never depends on a model).
 *
 * - Sentiment: wink's lexicon-based score (-1..1) per note, averaged over the notes.
 * - Key phrases: noun compounds and adjective-noun pairs plus content-word lemmas (stop words
 *   removed), ranked by how many notes mention them (phrases weigh more than single words);
 *   a word already covered by a higher-ranked phrase is skipped.
 */
@Injectable()
export class NoteAnalyzer {
  analyze(notes: string[]): NoteInsights {
    const texts = notes.map((n) => n.trim()).filter((n) => n.length > 0);
    if (texts.length === 0) return { sentimentScore: null, sentimentLabel: null, keyPhrases: [] };

    const wink = nlp();
    const { its } = wink;
    const candidates = new Map<string, Candidate>();
    let sentimentSum = 0;

    texts.forEach((text, index) => {
      const doc = wink.readDoc(text);
      sentimentSum += doc.out(its.sentiment) as number;

      const seen = new Set<string>();
      doc.customEntities().each((entity: ItemCustomEntity) => {
        const words = (entity.tokens().out(its.normal) as string[]).filter(isWord);
        // "stressful work deadline" also counts as "work deadline" (the compound's head).
        for (let start = 0; start <= words.length - 2; start += 1) {
          seen.add(words.slice(start).join(' '));
        }
      });
      // Whole-collection reads: token by token, wink builds an item object (a dozen closures)
      // for every token and dispatches every `out` through it.
      const tokens = doc.tokens();
      const types = tokens.out(its.type);
      const stopWords = tokens.out(its.stopWordFlag) as boolean[];
      const partsOfSpeech = tokens.out(its.pos);
      // wink's typings declare `its.lemma` with the model addons' signature; it is a token its.
      const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>);
      for (let i = 0; i < types.length; i += 1) {
        if (types[i] !== 'word' || stopWords[i] || !CONTENT_POS.has(partsOfSpeech[i])) continue;
        const lemma = lemmas[i].toLowerCase();
        if (isWord(lemma) && lemma.length >= 3 && !WEAK_WORDS.has(lemma)) seen.add(lemma);
      }

      for (const phrase of seen) {
        const existing = candidates.get(phrase);
        if (existing) existing.notes += 1;
        else
          candidates.set(phrase, {
            phrase,
            words: phrase.split(' ').length,
            notes: 1,
            firstSeen: index,
          });
      }
    });

    // The label follows the rounded score, so the two never disagree.
    const score = round(sentimentSum / texts.length, 2);
    return {
      sentimentScore: score,
      sentimentLabel:
        score > SENTIMENT_NEUTRAL_BAND
          ? 'positive'
          : score < -SENTIMENT_NEUTRAL_BAND
            ? 'negative'
            : 'neutral',
      keyPhrases: rankPhrases([...candidates.values()]),
    };
  }
}

function rankPhrases(candidates: Candidate[]): string[] {
  const score = (c: Candidate) => c.notes * (1 + 0.5 * (c.words - 1));
  const ranked = candidates.sort(
    (a, b) =>
      score(b) - score(a) ||
      b.words - a.words ||
      a.firstSeen - b.firstSeen ||
      a.phrase.localeCompare(b.phrase),
  );
  const chosen: string[] = [];
  for (const candidate of ranked) {
    if (chosen.length === MAX_KEY_PHRASES) break;
    const overlaps = chosen.some((phrase) => contains(phrase, candidate.phrase));
    if (!overlaps) chosen.push(candidate.phrase);
  }
  return chosen;
}

/** Word-level containment either way ("work deadline" vs "stressful work deadline"). */
function contains(a: string, b: string): boolean {
  const pad = (s: string) => ` ${s} `;
  return pad(a).includes(pad(b)) || pad(b).includes(pad(a));
}

function isWord(token: string): boolean {
  return /\p{L}/u.test(token);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
