/**
 * The rule that keeps invented figures out of answers (docs/ai-chat.md): every number written
 * in an answer must be one of the facts looked up for the turn (or one the user wrote), as
 * written or rounded to 0, 1 or 2 decimals. Digits inside fact strings (dates) count as facts.
 */

/** Numbers written in a text: "1,250.5" is 1250.5, "12,5" is 12.5, "2026-11-20" gives 2026, 11, 20. */
export function numbersIn(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?/g)) {
    const raw = match[0];
    const value =
      /,\d{3}(?!\d)/.test(raw) && !/,\d{1,2}$/.test(raw)
        ? Number(raw.replace(/,/g, ''))
        : Number(raw.replace(',', '.'));
    if (Number.isFinite(value)) found.push(value);
  }
  return found;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every number in a facts object (nested values, and the digits of its strings). */
export function factNumbers(facts: unknown): number[] {
  const numbers: number[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) numbers.push(value);
    // An id's digits are no figure: a UUID in the facts would allow any small number.
    else if (typeof value === 'string' && !UUID.test(value)) numbers.push(...numbersIn(value));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(facts);
  return numbers;
}

function roundings(value: number): number[] {
  return [
    value,
    Math.round(value),
    Math.round(value * 10) / 10,
    Math.round(value * 100) / 100,
    Math.abs(value),
  ];
}

/** The numbers of `answer` that are in none of the allowed numbers (empty: the answer passes). */
export function inventedNumbers(answer: string, allowed: number[]): number[] {
  const known = new Set(allowed.flatMap(roundings));
  return numbersIn(answer).filter((value) => !known.has(value));
}

/** Throws, naming the first invented number, when an answer writes a number not in the facts. */
export function assertGrounded(answer: string, allowed: number[]): void {
  const invented = inventedNumbers(answer, allowed);
  if (invented.length > 0) {
    throw new Error(`the answer writes ${invented[0]}, which is not among the facts`);
  }
}
