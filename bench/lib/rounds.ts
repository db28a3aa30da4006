/**
 * Interleaved rounds: every contender runs once per round, one after the other, so a slow
 * phase of a shared machine (another test suite, autovacuum, a CPU boost ending) hits them all
 * alike, and a ratio taken within one round compares runs seconds apart, not a figure apart.
 */

/**
 * Round `round` starts with contender `round mod n`, then the others in turn: two contenders
 * alternate (A B, B A, A B, ...), more rotate; none always goes first.
 */
export function rotation<T>(contenders: readonly T[], round: number): T[] {
  const first = round % contenders.length;
  return [...contenders.slice(first), ...contenders.slice(0, first)];
}

export interface Rounds<C, R> {
  /** The contenders in the order each round ran them. */
  order: C[][];
  /** Each contender's results, in round order. */
  results: Map<C, R[]>;
}

/** Runs `run` for every contender in every round, in `rotation` order, one at a time. */
export async function interleavedRounds<C, R>(
  contenders: readonly C[],
  rounds: number,
  run: (contender: C, round: number) => Promise<R>,
): Promise<Rounds<C, R>> {
  const order: C[][] = [];
  const results = new Map<C, R[]>(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < rounds; round++) {
    const sequence = rotation(contenders, round);
    order.push(sequence);
    for (const contender of sequence) results.get(contender)!.push(await run(contender, round));
  }
  return { order, results };
}
