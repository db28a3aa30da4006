-- Run on the bench database before the reference API 2625de1 starts (figure 1).
-- 2625de1 keeps a journal entry's Idempotency-Key on the entry itself; the current migrations
-- moved keys to idempotency_keys and dropped these columns (1795400000000-IdempotencyKeys).
-- Given back, nullable and unused by the current API, so the reference's POST /entries runs.
ALTER TABLE entries
  ADD COLUMN IF NOT EXISTS idempotency_key character varying(128),
  ADD COLUMN IF NOT EXISTS idempotency_fingerprint character(64);
CREATE UNIQUE INDEX IF NOT EXISTS "UQ_entries_user_idempotency_key"
  ON entries (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
