import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { checkText } from './check';
import { DEFAULT_GUIDELINES } from './defaults';
import { CheckOutcome, GuidelineSet } from './types';

export interface JsonlSummary {
  /** Non-blank input lines read. */
  lines: number;
  held: number;
  warned: number;
  /** Published, with a check-in for the Top 3. */
  checkedIn: number;
  /** Lines that were not a JSON object with a string `id` (or number) and a string `text`. */
  invalid: number;
}

/**
 * Runs the checker over a JSONL file of `{id, text}` and writes one line per input line:
 * `{id, outcome, category, rule, matched}` for the strongest finding (nulls when there is none).
 * A line that cannot be read is written as `{id, outcome: null, ..., error}` so the output stays
 * line-for-line with the input; it is counted as invalid and never stops the run.
 */
export async function checkJsonl(
  inputPath: string,
  outputPath: string,
  guidelines: GuidelineSet = DEFAULT_GUIDELINES,
): Promise<JsonlSummary> {
  const summary: JsonlSummary = { lines: 0, held: 0, warned: 0, checkedIn: 0, invalid: 0 };
  const input = createReadStream(inputPath, { encoding: 'utf8' });
  const output = createWriteStream(outputPath, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => {
    input.once('error', reject);
    output.once('error', reject);
  });
  const work = (async () => {
    let lineNumber = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber++;
      if (line.trim() === '') continue;
      summary.lines++;
      const record = checkLine(line, lineNumber, guidelines);
      if (record.outcome === 'hold') summary.held++;
      else if (record.outcome === 'warn') summary.warned++;
      else if (record.outcome === 'check-in') summary.checkedIn++;
      else if (record.outcome === null) summary.invalid++;
      if (!output.write(JSON.stringify(record) + '\n')) await once(output, 'drain');
    }
    output.end();
    await once(output, 'finish');
  })();
  // Both are raced below; these keep whichever loses from being reported as unhandled.
  work.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    await Promise.race([work, failed]);
  } catch (error) {
    input.destroy();
    output.destroy();
    throw error;
  }
  return summary;
}

interface OutputLine {
  id: string | number | null;
  outcome: CheckOutcome | null;
  category: string | null;
  rule: string | null;
  matched: string | null;
  error?: string;
}

function checkLine(line: string, lineNumber: number, guidelines: GuidelineSet): OutputLine {
  const invalid = (id: string | number | null, error: string): OutputLine => ({
    id,
    outcome: null,
    category: null,
    rule: null,
    matched: null,
    error,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return invalid(null, `Line ${lineNumber} is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid(null, `Line ${lineNumber} is not a JSON object.`);
  }
  const { id, text } = parsed as { id?: unknown; text?: unknown };
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (validId === null) return invalid(null, `Line ${lineNumber} has no id.`);
  if (typeof text !== 'string') return invalid(validId, `Line ${lineNumber} has no text.`);
  const result = checkText(text, guidelines);
  const top = result.findings[0];
  return {
    id: validId,
    outcome: result.outcome,
    category: top?.category ?? null,
    rule: top?.rule ?? null,
    matched: top?.matched ?? null,
  };
}
