/** A LIKE/ILIKE pattern matching `term` anywhere, its wildcards escaped ("50%" means the characters). */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
