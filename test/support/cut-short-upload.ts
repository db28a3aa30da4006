import { request as httpRequest } from 'node:http';

export const CUT_SHORT_BOUNDARY = 'fitai-cut-short';

/** The head of a multipart body and the first `fileBytes` of its file part: no closing boundary. */
export function cutShortMultipart(fileBytes: Buffer, filename = 'upload.csv'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${CUT_SHORT_BOUNDARY}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    fileBytes,
  ]);
}

export interface CutShortUpload {
  /** The listening server's base URL, e.g. `http://127.0.0.1:1234`. */
  baseUrl: string;
  path: string;
  accessToken?: string;
  /** The part of the file that is sent. */
  fileBytes: Buffer;
  /**
   * `ended`: the HTTP body is complete (its Content-Length is what is sent) but the multipart
   * body stops mid-file. `dropped`: the body declares more than is sent, and the client drops
   * the connection once the server has read what was sent (`droppedAfter()` resolves).
   */
  ending: 'ended' | 'dropped';
  droppedAfter?: () => Promise<unknown>;
}

/**
 * Sends an upload cut short mid-file, as a client that stops, or whose body ends early, does.
 * Resolves with the answer for `ended`; with null for `dropped` (nobody is left to read one).
 */
export function sendCutShortUpload(
  upload: CutShortUpload,
): Promise<{ status: number; headers: Record<string, unknown>; body: string } | null> {
  const body = cutShortMultipart(upload.fileBytes);
  const declared = upload.ending === 'ended' ? body.length : body.length + 64 * 1024;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${upload.baseUrl}${upload.path}`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${CUT_SHORT_BOUNDARY}`,
        'content-length': String(declared),
        ...(upload.accessToken ? { authorization: `Bearer ${upload.accessToken}` } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    if (upload.ending === 'ended') {
      req.on('error', reject);
      req.end(body);
      return;
    }
    req.on('error', () => resolve(null));
    req.write(body);
    (upload.droppedAfter?.() ?? Promise.resolve()).then(
      () => req.destroy(),
      (error: unknown) => {
        req.destroy();
        reject(error as Error);
      },
    );
  });
}
