import { Sentence } from '../language/sentences';
import { GuidelineCategory } from '../types';

/** A post as the detectors see it: its sentences and a few facts about the whole text. */
export interface Post {
  text: string;
  sentences: Sentence[];
  /** Whether the post talks about suicide or dying anywhere, which settles vague words ("do it", "my note"). */
  suicideTalk: boolean;
  /** Suicide talk, or despair ("I give up", "no point"), which settles goodbyes and "it's time". */
  despairTalk: boolean;
  /** Whether the post talks about self-harm anywhere ("did it again", "relapsed"). */
  selfHarmTalk: boolean;
}

/** What a detector found, before a community's guideline gives it an action. */
export interface Detection {
  category: GuidelineCategory;
  start: number;
  end: number;
  /** Why, in a few words, without the quote: e.g. 'intent with a timeframe'. */
  reason: string;
  /** How strongly this alone would worry a careful reader (0-100); orders findings. */
  strength: number;
}

export type Detector = (post: Post) => Detection[];
