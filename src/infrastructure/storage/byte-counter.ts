import { Transform } from 'node:stream';

/** A pass-through stream that counts the bytes going through it (`bytes`). */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.push(chunk);
    done();
  }
}
