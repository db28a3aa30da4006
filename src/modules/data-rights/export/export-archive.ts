import archiver from 'archiver';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { QueryRunner } from 'typeorm';
import {
  CSV_EXPORTS,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_REGISTRY,
  ExportedTable,
} from './export-registry';

/** Rows fetched from the cursor at a time: memory holds one page, whatever the history. */
export const EXPORT_PAGE_ROWS = 500;

export interface ManifestFile {
  path: string;
  kind: 'json' | 'csv' | 'file';
  table?: string;
  schema?: string;
  rows: number;
  bytes?: number;
}

/** A file that is not a table: an avatar image. */
export interface ExtraFile {
  path: string;
  open: () => Promise<Readable | null>;
}

/**
 * Runs `sql` as a server-side cursor (the caller's transaction) and yields its rows a page at a
 * time. The cursor is closed at the end or when the consumer stops early.
 */
export async function* cursorRows<T>(
  runner: QueryRunner,
  name: string,
  sql: string,
  parameters: unknown[],
): AsyncGenerator<T[]> {
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, parameters);
  try {
    for (;;) {
      const rows = (await runner.query(`FETCH ${EXPORT_PAGE_ROWS} FROM ${name}`)) as T[];
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    await runner.query(`CLOSE ${name}`);
  }
}

/** `to_jsonb(t)` minus the omitted columns, as text: PostgreSQL writes the JSON. */
export function tableSql(entry: ExportedTable): string {
  const omit = (entry.omit ?? []).map((c) => ` - '${c}'`).join('');
  return `SELECT (to_jsonb(t)${omit})::text AS json FROM ${entry.table} t
           WHERE ${entry.where} ORDER BY ${entry.orderBy}`;
}

/** One table as a streamed JSON array; `counted` learns the row count at the end. */
function jsonArrayStream(
  runner: QueryRunner,
  cursor: string,
  entry: ExportedTable,
  userId: string,
  counted: (rows: number) => void,
): Readable {
  return Readable.from(
    (async function* () {
      let rows = 0;
      yield '[';
      for await (const page of cursorRows<{ json: string }>(runner, cursor, tableSql(entry), [
        userId,
      ])) {
        const parts = page.map((row) => row.json);
        yield (rows === 0 ? '\n' : ',\n') + parts.join(',\n');
        rows += page.length;
      }
      yield rows === 0 ? ']\n' : '\n]\n';
      counted(rows);
    })(),
    { objectMode: false },
  );
}

function csvStream(
  runner: QueryRunner,
  cursor: string,
  csv: (typeof CSV_EXPORTS)[number],
  userId: string,
  counted: (rows: number) => void,
): Readable {
  const out = stringify({
    header: true,
    columns: [...csv.columns],
    cast: { date: (value) => value.toISOString(), boolean: (value) => String(value) },
  });
  void (async () => {
    let rows = 0;
    try {
      for await (const page of cursorRows<Record<string, unknown>>(runner, cursor, csv.sql, [
        userId,
      ])) {
        for (const row of page) {
          if (!out.write(row)) await once(out, 'drain');
        }
        rows += page.length;
      }
      counted(rows);
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Appends one entry and waits until archiver has read it whole (entries share one cursor). */
async function appendWhole(
  archive: archiver.Archiver,
  source: Readable | string,
  name: string,
): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    const onEntry = () => {
      archive.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      archive.off('entry', onEntry);
      reject(error);
    };
    archive.once('entry', onEntry);
    archive.once('error', onError);
  });
  archive.append(source, { name });
  await done;
}

export interface ArchiveInput {
  exportId: string;
  userId: string;
  /** A QueryRunner inside a REPEATABLE READ transaction: every file reads one snapshot. */
  runner: QueryRunner;
  extraFiles: ExtraFile[];
  /** Called after each file with the share done (0–1). */
  progress: (done: number) => Promise<void>;
}

/**
 * Writes the archive into `sink` (piped on to storage by the caller): every registry table as
 * `data/<file>.json`, the CSV files, the extra files under `files/`, and `manifest.json` last
 * (it carries the counts). Rows go from the cursor to the zip stream a page at a time, and
 * archiver's output goes out as it is made, so memory stays flat in the size of the history.
 */
export async function writeExportArchive(
  input: ArchiveInput,
  sink: PassThrough,
): Promise<ManifestFile[]> {
  const archive = archiver('zip', { zlib: { level: 6 } });
  archive.on('warning', (error) => sink.destroy(error));
  archive.on('error', (error) => sink.destroy(error));
  archive.pipe(sink);
  const files: ManifestFile[] = [];
  const total = EXPORT_REGISTRY.length + CSV_EXPORTS.length + input.extraFiles.length + 1;
  let done = 0;
  const step = async () => {
    done += 1;
    await input.progress(done / total);
  };
  let cursorNumber = 0;
  for (const entry of EXPORT_REGISTRY) {
    const file: ManifestFile = {
      path: `data/${entry.file}.json`,
      kind: 'json',
      table: entry.table,
      schema: `schemas/${entry.file}.schema.json`,
      rows: 0,
    };
    cursorNumber += 1;
    const stream = jsonArrayStream(
      input.runner,
      `export_cursor_${cursorNumber}`,
      entry,
      input.userId,
      (rows) => (file.rows = rows),
    );
    await appendWhole(archive, stream, file.path);
    files.push(file);
    await step();
  }
  for (const csv of CSV_EXPORTS) {
    const file: ManifestFile = { path: `csv/${csv.file}`, kind: 'csv', rows: 0 };
    cursorNumber += 1;
    const stream = csvStream(
      input.runner,
      `export_cursor_${cursorNumber}`,
      csv,
      input.userId,
      (rows) => (file.rows = rows),
    );
    await appendWhole(archive, stream, file.path);
    files.push(file);
    await step();
  }
  for (const extra of input.extraFiles) {
    const body = await extra.open();
    if (body) {
      await appendWhole(archive, body, extra.path);
      files.push({ path: extra.path, kind: 'file', rows: 1 });
    }
    await step();
  }
  const manifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    exportId: input.exportId,
    userId: input.userId,
    exportedAt: new Date().toISOString(),
    files,
  };
  await appendWhole(archive, JSON.stringify(manifest, null, 2), 'manifest.json');
  const finished = once(sink, 'end').catch(() => undefined);
  await archive.finalize();
  void finished;
  await step();
  return files;
}
