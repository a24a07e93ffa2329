import { checkText } from './check';
import { GuidelineCategory } from './types';

/**
 * For the table-driven specs: what the default guidelines do with a text — the outcome, the
 * category that decided it (null when published), every finding's reason (joined) and words.
 */
export function verdict(text: string): {
  outcome: string;
  category: GuidelineCategory | null;
  reasons: string;
  matched: string[];
} {
  const result = checkText(text);
  const deciding = result.findings.find((f) => f.action === result.outcome);
  return {
    outcome: result.outcome,
    category: result.outcome === 'publish' ? null : (deciding?.category ?? null),
    reasons: result.findings.map((f) => f.reason).join(' | '),
    matched: result.findings.map((f) => f.matched),
  };
}
