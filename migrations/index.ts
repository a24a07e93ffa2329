import { Foundation1763900000000 } from './1763900000000-Foundation';
import { Posts1763910000000 } from './1763910000000-Posts';
import { Moderation1763920000000 } from './1763920000000-Moderation';

/** Every migration, in order. Listed by hand so a build can never pick up a stray file. */
export const migrations = [Foundation1763900000000, Posts1763910000000, Moderation1763920000000];
