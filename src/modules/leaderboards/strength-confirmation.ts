/** A rise of the best e1RM larger than this, in one session, waits for a second session. */
export const IMPLAUSIBLE_JUMP = 0.3;

export interface SessionBest {
  /** When the session was held (ISO 8601 or Date-parsable). */
  sessionAt: string;
  /** The session's best e1RM (kg). */
  e1rmKg: number;
}

/**
 * Walks a user's sessions of one exercise in time order and answers, for each, the value global
 * boards may count: its best, unless it is more than IMPLAUSIBLE_JUMP above the confirmed best
 * so far, in which case it is held back until another session also clears that bar; the level
 * both reached (the lower of the two) is then confirmed. The first session is taken as it is.
 * Answers the counted value of each session (same order) and the confirmed best at the end.
 */
export function confirmedBests(sessions: SessionBest[]): { counted: number[]; best: number } {
  let confirmed: number | null = null;
  let held: number | null = null;
  const counted: number[] = [];
  for (const { e1rmKg } of sessions) {
    if (confirmed === null || e1rmKg <= confirmed * (1 + IMPLAUSIBLE_JUMP)) {
      confirmed = Math.max(confirmed ?? 0, e1rmKg);
    } else if (held === null) {
      held = e1rmKg;
    } else {
      confirmed = Math.max(confirmed, Math.min(held, e1rmKg));
      held = e1rmKg > confirmed ? e1rmKg : null;
    }
    counted.push(Math.min(e1rmKg, confirmed));
  }
  return { counted, best: confirmed ?? 0 };
}
