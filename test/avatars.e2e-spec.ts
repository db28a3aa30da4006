import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import request from 'supertest';
import { Storage } from '../src/infrastructure/storage/storage';
import { apiClient } from './support/api-client';
import { sendCutShortUpload } from './support/cut-short-upload';
import { PROBLEM } from './support/problem';
import { startS3Server, TestS3Server } from './support/s3rver';
import { registerUser, startApi, testConfig, TestApi, TestUser } from './support/test-app';

const PIXELS = { small: 64, medium: 256, large: 512 } as const;
type Size = keyof typeof PIXELS;
type AvatarUrls = Record<Size, string>;

/** A width × height image, left half red and right half blue, in `format`. */
function twoColourImage(width: number, height: number) {
  const half = { width: width / 2, height, channels: 3 as const };
  return sharp({ create: { ...half, background: '#ff0000' } })
    .extend({ right: width / 2, background: '#0000ff' })
    .flatten();
}

const png = (width = 300, height = 200) => twoColourImage(width, height).png().toBuffer();

/** A PNG of noise (about 700 KB: it does not compress), so that 64 KB of it is a part of it. */
const noisyPng = () =>
  sharp({
    create: {
      width: 512,
      height: 512,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .png()
    .toBuffer();

/**
 * A PNG of 1 × 1 pixel whose header declares `width` × `height`: a few bytes that would
 * decode to gigabytes (a decompression bomb).
 */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  // Signature (8), IHDR length (4), then the chunk type and data the CRC covers.
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

/** The user id and digest of a URL `/api/v1/users/<id>/avatar/<digest>?size=<size>`. */
function partsOf(url: string): { userId: string; digest: string } {
  const match =
    /^\/api\/v1\/users\/([0-9a-f-]{36})\/avatar\/([0-9a-f]{32})\?size=(small|medium|large)$/.exec(
      url,
    );
  if (!match) throw new Error(`not an avatar URL: ${url}`);
  return { userId: match[1], digest: match[2] };
}

describe.each(['fs', 's3'] as const)('avatars, %s storage driver (e2e)', (driver) => {
  let api: TestApi;
  let s3: TestS3Server | undefined;
  let storage: Storage;

  beforeAll(async () => {
    if (driver === 's3') s3 = await startS3Server();
    api = await startApi(testConfig(s3?.storageEnv ?? {}));
    // On a port of its own (supertest then uses it too): a raw client cuts an upload short.
    await api.app.listen(0, '127.0.0.1');
    storage = api.app.get(Storage);
  });
  afterAll(async () => {
    await api.close();
    await s3?.stop();
  });

  const upload = (
    user: TestUser | null,
    content: Buffer,
    filename = 'me.png',
    contentType = 'image/png',
  ) => {
    const req = request(api.http).post('/api/v1/users/upload-avatar');
    if (user) req.auth(user.accessToken, { type: 'bearer' });
    return req.attach('file', content, { filename, contentType });
  };

  /** The stored file of one size, decoded. */
  async function stored(urls: AvatarUrls, size: Size) {
    const { userId, digest } = partsOf(urls[size]);
    const file = await storage.get(`avatars/${userId}/${digest}-${PIXELS[size]}.webp`);
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    return { contentType: file.contentType, bytes, metadata: await sharp(bytes).metadata() };
  }

  async function expectStoredSquares(urls: AvatarUrls) {
    for (const size of Object.keys(PIXELS) as Size[]) {
      const file = await stored(urls, size);
      expect({
        size,
        type: file?.contentType,
        format: file?.metadata.format,
        width: file?.metadata.width,
        height: file?.metadata.height,
      }).toEqual({
        size,
        type: 'image/webp',
        format: 'webp',
        width: PIXELS[size],
        height: PIXELS[size],
      });
    }
  }

  it('takes a PNG, stores WebP squares of 64, 256 and 512 pixels, and shows them in the profile', async () => {
    const user = await registerUser(api.http);
    const res = await upload(user, await png(300, 200)).expect(200);
    const urls = res.body.avatar as AvatarUrls;
    expect(partsOf(urls.small).userId).toBe(user.id);
    await expectStoredSquares(urls);
    const profile = await apiClient(api.http, user).get('/users/profile').expect(200);
    expect(profile.body.avatar).toEqual(urls);
  });

  it('takes a JPEG under any name, turns it upright by its EXIF orientation and drops its metadata (GPS)', async () => {
    const user = await registerUser(api.http);
    // Stored sideways: orientation 6 says "turn 90° clockwise", which puts the red half on top.
    const jpeg = await twoColourImage(400, 200)
      .jpeg()
      .withExif({
        IFD0: { Copyright: 'someone' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const given = await sharp(jpeg).metadata();
    expect({ orientation: given.orientation, exif: !!given.exif }).toEqual({
      orientation: 6,
      exif: true,
    });
    expect(given.exif!.includes(Buffer.from('someone'))).toBe(true);

    const res = await upload(user, jpeg, 'holiday.gif', 'application/octet-stream').expect(200);
    const urls = res.body.avatar as AvatarUrls;
    await expectStoredSquares(urls);
    const large = (await stored(urls, 'large'))!;
    expect(large.metadata).toMatchObject({ width: 512, height: 512 });
    expect(large.metadata.exif).toBeUndefined();
    expect(large.metadata.orientation).toBeUndefined();
    expect(large.bytes.includes(Buffer.from('someone'))).toBe(false);
    // Upright: red above, blue below (unturned, the left column would be red top to bottom).
    const { data } = await sharp(large.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 512 + x) * 3, (y * 512 + x) * 3 + 3),
    ];
    const [top, bottom] = [pixel(20, 20), pixel(20, 490)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('serves each size as image/webp with a strong ETag, a year of caching and 304 on If-None-Match', async () => {
    const user = await registerUser(api.http);
    const urls = (await upload(user, await png()).expect(200)).body.avatar as AvatarUrls;
    // Anonymous: avatars are public.
    const res = await request(api.http)
      .get(urls.small)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const etag = res.headers.etag;
    expect(etag).toBe(`"${partsOf(urls.small).digest}-64"`);
    expect(await sharp(res.body as Buffer).metadata()).toMatchObject({
      format: 'webp',
      width: 64,
      height: 64,
    });

    const medium = await request(api.http).get(urls.medium).expect(200);
    expect(medium.headers.etag).not.toBe(etag);
    const byDefault = await request(api.http)
      .get(urls.medium.replace('?size=medium', ''))
      .expect(200);
    expect(byDefault.headers.etag).toBe(medium.headers.etag);

    const again = await request(api.http).get(urls.small).set('If-None-Match', etag).expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(api.http).get(urls.small).set('If-None-Match', `"other", W/${etag}`).expect(304);
    await request(api.http).get(urls.small).set('If-None-Match', '"other"').expect(200);
  });

  it('answers 404 for a user without an avatar, an unknown digest, and 400 for an unknown size', async () => {
    const user = await registerUser(api.http);
    expect(
      (await apiClient(api.http, user).get('/users/profile').expect(200)).body.avatar,
    ).toBeNull();
    const digest = 'a'.repeat(32);
    const none = await request(api.http)
      .get(`/api/v1/users/${user.id}/avatar/${digest}`)
      .expect(404);
    expect(none.headers['content-type']).toMatch(PROBLEM);
    await request(api.http).get(`/api/v1/users/${user.id}/avatar/not-a-digest`).expect(404);
    await request(api.http)
      .get(`/api/v1/users/${user.id}/avatar/${digest}`)
      .set('If-None-Match', '*')
      .expect(404);
    const badSize = await request(api.http)
      .get(`/api/v1/users/${user.id}/avatar/${digest}?size=huge`)
      .expect(400);
    expect(badSize.body.errors.map((e: { field: string }) => e.field)).toEqual(['size']);
  });

  it('removes the files of the avatar a new upload replaces', async () => {
    const user = await registerUser(api.http);
    const first = (await upload(user, await png(300, 200)).expect(200)).body.avatar as AvatarUrls;
    const second = (await upload(user, await png(200, 300)).expect(200)).body.avatar as AvatarUrls;
    expect(partsOf(second.small).digest).not.toBe(partsOf(first.small).digest);
    for (const size of Object.keys(PIXELS) as Size[]) {
      expect({ size, old: await stored(first, size) }).toEqual({ size, old: null });
      await request(api.http).get(first[size]).expect(404);
      await request(api.http).get(second[size]).expect(200);
    }
    await expectStoredSquares(second);
    // The same picture again keeps its files (same digest).
    const same = (await upload(user, await png(200, 300)).expect(200)).body.avatar as AvatarUrls;
    expect(same).toEqual(second);
    await expectStoredSquares(second);
  });

  it('refuses a text file named .png with 415 unsupported-image', async () => {
    const user = await registerUser(api.http);
    const res = await upload(user, Buffer.from('just some text, not an image\n'.repeat(20))).expect(
      415,
    );
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'urn:fitai:problem:unsupported-image',
      acceptedFormats: ['jpeg', 'png', 'webp', 'gif'],
    });
    expect(
      (await apiClient(api.http, user).get('/users/profile').expect(200)).body.avatar,
    ).toBeNull();
  });

  it.each([
    [100_000, 100_000],
    [8_000, 8_000],
  ])(
    'refuses a decompression bomb (a tiny PNG declaring %i × %i) with 422 image-too-large',
    async (width, height) => {
      const user = await registerUser(api.http);
      const bomb = await pngDeclaring(width, height);
      expect(bomb.length).toBeLessThan(200);
      expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
        width,
        height,
      });
      const res = await upload(user, bomb).expect(422);
      expect(res.body).toMatchObject({
        type: 'urn:fitai:problem:image-too-large',
        maxPixels: 50_000_000,
      });
    },
  );

  it('refuses a truncated image with 422 invalid-image', async () => {
    const user = await registerUser(api.http);
    const noise = await sharp({
      create: {
        width: 256,
        height: 256,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    const res = await upload(user, noise.subarray(0, Math.floor(noise.length * 0.6))).expect(422);
    expect(res.body.type).toBe('urn:fitai:problem:invalid-image');
  });

  it('refuses a 20 MB file with 413 payload-too-large', async () => {
    const user = await registerUser(api.http);
    const res = await upload(user, Buffer.alloc(20 * 1024 * 1024, 7), 'huge.png');
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:fitai:problem:payload-too-large');
  });

  it('refuses an empty file, a form without a file and a JSON body with clear 4xx problems', async () => {
    const user = await registerUser(api.http);
    const empty = await upload(user, Buffer.alloc(0)).expect(400);
    expect(empty.body).toMatchObject({
      type: 'urn:fitai:problem:file-required',
      detail: 'The file is empty.',
    });
    const noFile = await request(api.http)
      .post('/api/v1/users/upload-avatar')
      .auth(user.accessToken, { type: 'bearer' })
      .field('name', 'me')
      .expect(400);
    expect(noFile.body.type).toBe('urn:fitai:problem:file-required');
    const json = await apiClient(api.http, user)
      .post('/users/upload-avatar', { file: 'aGVsbG8=' })
      .expect(415);
    expect(json.body.type).toBe('urn:fitai:problem:unsupported-media-type');
  });

  it('refuses a malformed multipart body with 400 bad-request, not a 500', async () => {
    const user = await registerUser(api.http);
    const send = (contentType: string, body: string) =>
      request(api.http)
        .post('/api/v1/users/upload-avatar')
        .auth(user.accessToken, { type: 'bearer' })
        .set('content-type', contentType)
        .send(body);
    const noBoundary = await send('multipart/form-data', '--x\r\n\r\n').expect(400);
    expect(noBoundary.body.type).toBe('urn:fitai:problem:bad-request');
    const cutShort = await send(
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
    ).expect(400);
    expect(cutShort.body.type).toBe('urn:fitai:problem:bad-request');
  });

  it('refuses an upload whose body ends mid-image with 400 (cut short), keeping the old avatar', async () => {
    const user = await registerUser(api.http);
    const kept = (await upload(user, await png(300, 200)).expect(200)).body.avatar as AvatarUrls;
    const answer = await sendCutShortUpload({
      baseUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`,
      path: '/api/v1/users/upload-avatar',
      accessToken: user.accessToken,
      fileBytes: (await noisyPng()).subarray(0, 64 * 1024),
      ending: 'ended',
    });
    expect(answer!.status).toBe(400);
    expect(JSON.parse(answer!.body)).toMatchObject({
      type: 'urn:fitai:problem:bad-request',
      detail: expect.stringMatching(/cut short/),
    });
    const profile = await apiClient(api.http, user).get('/users/profile').expect(200);
    expect(profile.body.avatar).toEqual(kept);
    await upload(user, await png(200, 300)).expect(200);
  });

  it('refuses anonymous uploads with 401', async () => {
    const res = await upload(null, await png()).expect(401);
    expect(res.body.type).toBe('urn:fitai:problem:unauthorized');
  });
});
