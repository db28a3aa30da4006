import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  type SyntheticSetSpec,
  syntheticSet,
} from '../src/modules/ai-coach/form-analysis/testing/kinematic-model';
import { ApiClient, registerClient } from './support/api-client';
import { errorFields, PROBLEM } from './support/problem';
import { startApi, TestApi } from './support/test-app';

const PATH = '/ai/form-analysis';
const REP = { depth: 1, eccentricS: 1.2, pauseS: 0.2, concentricS: 0.9 };

type Body = Record<string, unknown> & { frames: { t: number; keypoints: unknown[] }[] };

/** A set from the kinematic model, as the app would send it (JSON round trip). */
function set(spec: Partial<SyntheticSetSpec> = {}): Body {
  return JSON.parse(
    JSON.stringify(
      syntheticSet({
        exercise: 'squat',
        view: 'side',
        skeleton: 'coco17',
        fps: 30,
        reps: [REP, REP, REP],
        noisePx: 1.5,
        seed: 4,
        ...spec,
      }),
    ),
  ) as Body;
}

describe('form analysis (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let phone: ApiClient;
  let userId: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const { user, client } = await registerClient(api.http);
    phone = client;
    userId = user.id;
  });
  afterAll(() => api.close());

  it.each`
    exercise      | view       | skeleton         | bottom                 | flaggedRule        | unmeasurable
    ${'squat'}    | ${'side'}  | ${'coco17'}      | ${{ thighDeg: 12 }}    | ${'depth'}         | ${'knee_valgus'}
    ${'squat'}    | ${'front'} | ${'blazepose33'} | ${{ valgusDeg: 18 }}   | ${'knee_valgus'}   | ${'depth'}
    ${'deadlift'} | ${'side'}  | ${'blazepose33'} | ${{ neckDeg: 55 }}     | ${'back_rounding'} | ${'asymmetry'}
    ${'deadlift'} | ${'front'} | ${'coco17'}      | ${{ tiltDeg: 14 }}     | ${'asymmetry'}     | ${'back_rounding'}
    ${'push_up'}  | ${'side'}  | ${'coco17'}      | ${{ bodyLineDeg: 28 }} | ${'body_line'}     | ${'asymmetry'}
    ${'push_up'}  | ${'front'} | ${'coco17'}      | ${{ tiltDeg: 14 }}     | ${'asymmetry'}     | ${'depth'}
    ${'lunge'}    | ${'side'}  | ${'blazepose33'} | ${{ torsoDeg: 32 }}    | ${'torso_angle'}   | ${'knee_valgus'}
    ${'lunge'}    | ${'front'} | ${'coco17'}      | ${{ valgusDeg: 18 }}   | ${'knee_valgus'}   | ${'knee_travel'}
  `(
    '$exercise from the $view ($skeleton): 3 reps, $flaggedRule flagged on each, $unmeasurable not measurable',
    async ({ exercise, view, skeleton, bottom, flaggedRule, unmeasurable }) => {
      const res = await phone.post(PATH, set({ exercise, view, skeleton, bottom })).expect(200);
      expect(res.body).toMatchObject({ exercise, view, skeleton, repCount: 3 });
      const rule = (id: string) =>
        (res.body.rules as { rule: string; status: string; reason: string | null }[]).find(
          (r) => r.rule === id,
        );
      expect(rule(flaggedRule)?.status).toBe('flagged');
      expect(rule(unmeasurable)).toMatchObject({
        status: 'not_measurable',
        reason: expect.stringMatching(/not measurable from this view/),
      });
      const findings = (res.body.findings as { rule: string; rep: number }[]).filter(
        (f) => f.rule === flaggedRule,
      );
      expect(findings.map((f) => f.rep)).toEqual([1, 2, 3]);
      expect(findings[0]).toMatchObject({
        measured: expect.any(Number),
        threshold: { value: expect.any(Number), source: expect.any(String) },
      });
    },
  );

  it('meters each analysis in ai_usage as form_analysis', async () => {
    const { user, client } = await registerClient(api.http);
    await client.post(PATH, set()).expect(200);
    const rows: { operation: string; provider: string; outcome: string; model: string }[] =
      await db.query(
        'SELECT operation, provider, outcome, model FROM ai_usage WHERE user_id = $1',
        [user.id],
      );
    expect(rows).toEqual([
      { operation: 'form_analysis', provider: 'local', outcome: 'success', model: 'form-rules-1' },
    ]);
    expect(userId).not.toBe(user.id);
  });

  it('takes a full set of 3,600 BlazePose-33 frames (over the server-wide 1 MB body limit)', async () => {
    const long = set({
      skeleton: 'blazepose33',
      reps: Array(30).fill({ depth: 1, eccentricS: 1.5, pauseS: 0.5, concentricS: 1.2 }),
      topHoldS: 0.7,
    });
    long.frames = long.frames.slice(0, 3600);
    expect(JSON.stringify(long).length).toBeGreaterThan(1024 * 1024);
    const res = await phone.post(PATH, long).expect(200);
    expect(res.body.repCount).toBeGreaterThanOrEqual(29);
  });

  describe('bad input is a 400 validation-failed naming the field', () => {
    async function invalid(body: object): Promise<request.Response> {
      const res = await phone.post(PATH, body).expect(400).expect('content-type', PROBLEM);
      expect(res.body.type).toBe('urn:fitai:problem:validation-failed');
      return res;
    }

    it('a keypoint count that does not fit the skeleton', async () => {
      const res = await invalid({ ...set(), skeleton: 'blazepose33' });
      expect(errorFields(res)).toEqual(['frames']);
      expect(res.body.errors[0].messages[0]).toMatch(/every frame needs 99 numbers/);
    });

    it('NaN (sent as null, as JSON.stringify does) and Infinity (1e999)', async () => {
      const body = set();
      body.frames[3].keypoints[4] = NaN; // JSON.stringify → null
      const res = await invalid(body);
      expect(errorFields(res)).toEqual(['frames.3.keypoints']);
      expect(res.body.errors[0].messages[0]).toMatch(/item 4 must be a finite number/);

      const text = JSON.stringify(set()).replace(/"keypoints":\[[^,]+/, '"keypoints":[1e999');
      const raw = await request(api.http)
        .post(`/api/v1${PATH}`)
        .auth((await registerClient(api.http)).user.accessToken, { type: 'bearer' })
        .set('content-type', 'application/json')
        .send(text)
        .expect(400);
      expect(errorFields(raw)).toEqual(['frames.0.keypoints']);
    });

    it('frames out of order', async () => {
      const body = set();
      body.frames[10].t = body.frames[9].t;
      const res = await invalid(body);
      expect(errorFields(res)).toEqual(['frames']);
      expect(res.body.errors[0].messages[0]).toMatch(
        /frames\.10\.t \(\d+\) is not after frames\.9\.t/,
      );
    });

    it('10,000 frames', async () => {
      const body = set();
      const frame = body.frames[0].keypoints.map((v) => Math.round((v as number) * 100) / 100);
      body.frames = Array.from({ length: 10_000 }, (_, i) => ({ t: i * 33, keypoints: frame }));
      const res = await invalid(body);
      expect(errorFields(res)).toEqual(['frames']);
      expect(res.body.errors[0].messages).toContain(
        'frames must contain no more than 3600 elements',
      );
    });

    it('unknown exercise, skeleton and view; a missing frame rate; a video field', async () => {
      const res = await invalid({
        ...set(),
        exercise: 'curl',
        skeleton: 'openpose25',
        view: 'top',
        frameRate: undefined,
        video: 'data:video/mp4;base64,AAAA',
      });
      expect(errorFields(res).sort()).toEqual(
        ['exercise', 'frameRate', 'skeleton', 'video', 'view'].sort(),
      );
    });
  });

  it('a body over 4 MB is a 413', async () => {
    const body = set();
    const frame = body.frames[0].keypoints;
    body.frames = Array.from({ length: 12_000 }, (_, i) => ({ t: i, keypoints: frame }));
    const res = await phone.post(PATH, body).expect(413).expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:fitai:problem:payload-too-large');
  });

  it('anonymous is a 401', async () => {
    const res = await request(api.http)
      .post(`/api/v1${PATH}`)
      .send(set())
      .expect(401)
      .expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:fitai:problem:unauthorized');
  });
});
