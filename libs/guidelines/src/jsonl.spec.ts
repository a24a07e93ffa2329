import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_GUIDELINES, GuidelineSet, checkJsonl } from '.';

describe('checkJsonl: a batch run over past posts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'guidelines-jsonl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (lines: string[], guidelines?: GuidelineSet) => {
    const input = path.join(dir, 'in.jsonl');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(input, lines.join('\n') + '\n');
    const summary = await checkJsonl(input, output, guidelines);
    const written = readFileSync(output, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { summary, written };
  };

  it('writes one line per post with the strongest finding, and counts what it did', async () => {
    const { summary, written } = await run([
      JSON.stringify({ id: 'a', text: 'I want to kill myself tonight.' }),
      JSON.stringify({ id: 'b', text: 'Text me on 07700 900123' }),
      '',
      JSON.stringify({ id: 3, text: 'Art therapy was brilliant today.' }),
      'not json',
      JSON.stringify({ id: 'd' }),
      JSON.stringify({ text: 'no id' }),
      JSON.stringify(['an', 'array']),
    ]);
    expect(summary).toEqual({ lines: 7, held: 1, warned: 1, checkedIn: 0, invalid: 4 });
    expect(written).toEqual([
      {
        id: 'a',
        outcome: 'hold',
        category: 'imminent-harm-self',
        rule: 'imminent-harm-self',
        matched: 'I want to kill myself tonight',
      },
      { id: 'b', outcome: 'warn', category: 'contact-details', rule: 'contact-details', matched: '07700 900123' },
      { id: 3, outcome: 'publish', category: null, rule: null, matched: null },
      { id: null, outcome: null, category: null, rule: null, matched: null, error: 'Line 5 is not valid JSON.' },
      { id: 'd', outcome: null, category: null, rule: null, matched: null, error: 'Line 6 has no text.' },
      { id: null, outcome: null, category: null, rule: null, matched: null, error: 'Line 7 has no id.' },
      { id: null, outcome: null, category: null, rule: null, matched: null, error: 'Line 8 is not a JSON object.' },
    ]);
  });

  it("uses the community's guidelines when given", async () => {
    const set: GuidelineSet = {
      version: 2,
      rules: DEFAULT_GUIDELINES.rules.map((r) => (r.category === 'contact-details' ? { ...r, action: 'hold' } : r)),
    };
    const { summary } = await run([JSON.stringify({ id: 'b', text: 'Text me on 07700 900123' })], set);
    expect(summary).toEqual({ lines: 1, held: 1, warned: 0, checkedIn: 0, invalid: 0 });
  });

  it('keeps going over a large file without holding it all in memory at once', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ id: i, text: `post ${i}: feeling ok today` }),
    );
    const { summary, written } = await run(lines);
    expect(summary).toEqual({ lines: 2000, held: 0, warned: 0, checkedIn: 0, invalid: 0 });
    expect(written).toHaveLength(2000);
  });

  it('rejects with the file error when the input does not exist', async () => {
    await expect(checkJsonl(path.join(dir, 'missing.jsonl'), path.join(dir, 'out.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});
