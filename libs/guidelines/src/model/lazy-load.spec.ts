import fs from 'node:fs';

/**
 * The model's weights (277 kB) are read on first use, not when the checker is imported: the model
 * is off by default, so most processes never need them. Each test gets a fresh module registry.
 */
describe('the trained model file is read lazily', () => {
  beforeEach(() => jest.resetModules());
  afterEach(() => jest.restoreAllMocks());

  const readsOfWeights = (spy: jest.SpyInstance) =>
    spy.mock.calls.filter(([file]) => String(file).endsWith('imminent-harm-self.json')).length;

  it('is not read by importing the checker, nor by checking with the rules only', async () => {
    const spy = jest.spyOn(fs, 'readFileSync');
    const { checkText, DEFAULT_GUIDELINES } = await import('..');
    const model = await import('.');
    expect(model.imminentHarmSelfModelLoaded()).toBe(false);
    expect(checkText('I am going to kill myself tonight.', DEFAULT_GUIDELINES, { scoredModel: false }).outcome).toBe(
      'hold',
    );
    expect(checkText('Lovely walk in the park today.', DEFAULT_GUIDELINES, { scoredModel: false }).outcome).toBe(
      'publish',
    );
    expect(model.imminentHarmSelfModelLoaded()).toBe(false);
    expect(readsOfWeights(spy)).toBe(0);
  });

  it('is read once, on the first check that asks for the model, and then kept', async () => {
    const spy = jest.spyOn(fs, 'readFileSync');
    const { checkText, DEFAULT_GUIDELINES } = await import('..');
    const model = await import('.');
    checkText('Lovely walk in the park today.', DEFAULT_GUIDELINES, { scoredModel: true });
    expect(model.imminentHarmSelfModelLoaded()).toBe(true);
    checkText('Another lovely walk.', DEFAULT_GUIDELINES, { scoredModel: true });
    expect(model.imminentHarmSelfModel()).toBe(model.imminentHarmSelfModel());
    expect(readsOfWeights(spy)).toBe(1);
  });

  it('gives the same model as parsing the file directly', async () => {
    const model = await import('.');
    const direct = model.loadScoredModel(JSON.parse(fs.readFileSync(model.IMMINENT_HARM_SELF_MODEL_FILE, 'utf8')));
    expect(model.imminentHarmSelfModel()).toEqual(direct);
  });
});
