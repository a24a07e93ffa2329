/**
 * What each reading of the imminent-harm-self guideline held, measured once on the blind sample
 * holdout3 (300 hand-labelled forum posts; BENCHMARKS.md, "Fourth round"), in one plain sentence
 * for the people who choose between them. The API's documentation and the web client's
 * guidelines page both say it; docs/moderation.md has the same figures as a table.
 */
export const READING_MEASURED =
  'Measured once on 300 hand-labelled forum posts: careful held 88.5% of posts where someone said they ' +
  'meant to end their life, had a plan or had acted (standard: 77.6%), 35.9% of posts about suicidal ' +
  'thoughts without that (standard: 15.4%), and 6.3% of everyday posts (standard: 1.0%).';
