import { BadRequestException, Injectable } from '@nestjs/common';
import { HardDaysView } from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { BreakDto, MutedWordsDto } from './hard-days.dto';
import { HardDaysRepository, PreferencesRow } from './hard-days.repository';

/** The longest break one can choose at once; a member can always take another. */
const LONGEST_BREAK_MS = 366 * 24 * 60 * 60 * 1000;

export const toHardDaysView = (r: PreferencesRow | undefined): HardDaysView => ({
  mutedWords: r?.muted_words ?? [],
  breakUntil: r?.break_until?.toISOString() ?? null,
  onBreak: r?.on_break ?? false,
});

/**
 * A member's controls for hard days. Only their owner reads or changes them. A break stops the
 * board and the emails and pushes for its owner (DeliveryRepository.planSends), never anyone
 * else's safety paths: the escalation ladder treats a Top 3 member on a break as not available
 * and goes on to the others and the on-call contact (docs/notifications.md).
 */
@Injectable()
export class HardDaysService {
  constructor(private readonly prefs: HardDaysRepository) {}

  async mine(auth: AuthContext): Promise<HardDaysView> {
    return toHardDaysView(await this.prefs.ofUser(auth.userId));
  }

  /** Saved trimmed, in lower case, once each, in the order given. */
  async saveMutedWords(auth: AuthContext, input: MutedWordsDto): Promise<HardDaysView> {
    const words = [...new Set(input.words.map((w) => w.trim().toLowerCase()))];
    if (words.some((w) => w.length === 0)) throw new BadRequestException('A muted word cannot be only spaces.');
    return toHardDaysView(await this.prefs.saveMutedWords(auth.userId, words));
  }

  async startBreak(auth: AuthContext, input: BreakDto): Promise<HardDaysView> {
    const until = new Date(input.until);
    const ahead = until.getTime() - Date.now();
    if (!(ahead > 0)) throw new BadRequestException('A break needs to end some time after now.');
    if (ahead > LONGEST_BREAK_MS) throw new BadRequestException('A break can last up to a year at a time.');
    return toHardDaysView(await this.prefs.saveBreak(auth.userId, until));
  }

  /** Ends the break now, or clears one that has ended once the member has been welcomed back. */
  async endBreak(auth: AuthContext): Promise<HardDaysView> {
    return toHardDaysView(await this.prefs.saveBreak(auth.userId, null));
  }
}
