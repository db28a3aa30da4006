/**
 * The snapshot position (1-based) of the row at `offset` (0-based) of a global board as one
 * viewer sees it: the positions of the users in a block with the viewer (ascending) are
 * skipped, so pages stay full and contiguous for the viewer while rank numbers stay the public
 * ones (docs/challenges.md, "Blocks on a global page").
 */
export function positionOf(offset: number, hiddenPositions: readonly number[]): number {
  let position = offset + 1;
  for (const hidden of hiddenPositions) {
    if (hidden > position) break;
    position += 1;
  }
  return position;
}
