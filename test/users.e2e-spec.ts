import { apiClient } from './support/api-client';
import { errorFields, PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

describe('user preferences (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** GET and PUT /users/preferences as `user`. */
  const as = (user: TestUser) => ({
    get: () => apiClient(api.http, user).get('/users/preferences'),
    put: (body: object) => apiClient(api.http, user).put('/users/preferences', body),
  });

  it('starts in kilograms and UTC, with no level or equipment, discoverable, activities to friends', async () => {
    const user = await registerUser(api.http);
    const { body } = await as(user).get().expect(200);
    expect(body).toEqual({
      weightUnit: 'kg',
      lengthUnit: 'cm',
      timeZone: 'UTC',
      trainingLevel: null,
      equipment: null,
      sex: null,
      birthYear: null,
      profileDiscoverable: true,
      activityVisibility: 'friends',
      showRecordNumbers: true,
      leaderboardOptOut: false,
    });
  });

  it('changes only what is sent, and null clears level and equipment', async () => {
    const user = await registerUser(api.http);
    await as(user)
      .put({
        weightUnit: 'lb',
        lengthUnit: 'in',
        timeZone: 'America/New_York',
        trainingLevel: 'intermediate',
      })
      .expect(200);
    const { body } = await as(user)
      .put({ equipment: ['barbell', 'dumbbell'] })
      .expect(200);
    expect(body).toEqual({
      weightUnit: 'lb',
      lengthUnit: 'in',
      timeZone: 'America/New_York',
      trainingLevel: 'intermediate',
      equipment: ['barbell', 'dumbbell'],
      sex: null,
      birthYear: null,
      profileDiscoverable: true,
      activityVisibility: 'friends',
      showRecordNumbers: true,
      leaderboardOptOut: false,
    });
    const cleared = await as(user).put({ trainingLevel: null, equipment: null }).expect(200);
    expect(cleared.body).toMatchObject({ trainingLevel: null, equipment: null, weightUnit: 'lb' });
    expect((await as(user).get().expect(200)).body).toEqual(cleared.body);
  });

  it('rejects unknown units, time zones, equipment and fields with field errors', async () => {
    const user = await registerUser(api.http);
    const res = await as(user)
      .put({
        weightUnit: 'stone',
        lengthUnit: 'furlong',
        timeZone: 'Mars/Olympus',
        equipment: ['barbell', 'rowing boat', 'barbell'],
        shoeSize: 44,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const fields = errorFields(res).sort();
    expect(fields).toEqual(['equipment', 'lengthUnit', 'shoeSize', 'timeZone', 'weightUnit']);
    expect((await as(user).get().expect(200)).body.weightUnit).toBe('kg');
  });

  it('keeps an optional sex and birth year, null clears them, and checks the year', async () => {
    const user = await registerUser(api.http);
    const set = await as(user).put({ sex: 'female', birthYear: 1988 }).expect(200);
    expect(set.body).toMatchObject({ sex: 'female', birthYear: 1988 });
    const tooYoung = new Date().getUTCFullYear() - 12;
    const res = await as(user).put({ sex: 'other', birthYear: tooYoung }).expect(400);
    expect(errorFields(res).sort()).toEqual(['birthYear', 'sex']);
    await as(user).put({ birthYear: 1899 }).expect(400);
    await as(user).put({ birthYear: 1990.5 }).expect(400);
    const cleared = await as(user).put({ sex: null, birthYear: null }).expect(200);
    expect(cleared.body).toMatchObject({ sex: null, birthYear: null });
  });

  it('keeps preferences per user', async () => {
    const [a, b] = [await registerUser(api.http), await registerUser(api.http)];
    await as(a).put({ weightUnit: 'lb' }).expect(200);
    expect((await as(b).get().expect(200)).body.weightUnit).toBe('kg');
  });
});
