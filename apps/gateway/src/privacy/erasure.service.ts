import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASURE_CONFIRMATION, ErasureView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { WordsRemovalRepository } from '../entries/words-removal.repository';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { AuthContext } from '../platform/http/auth-context';
import { FanoutService } from '../platform/realtime/fanout.service';
import { ErasureRepository } from './erasure.repository';
import { eraseAccount } from './erasure';

/** Leaving and being forgotten (UK GDPR art. 17), asked for by the person themselves. */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly accounts: ErasureRepository,
    private readonly entries: WordsRemovalRepository,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
  ) {}

  /**
   * The person confirms with their password and the words; every sign-in ends first (their open
   * pages are told), then everything goes in one transaction.
   */
  async eraseSelf(auth: AuthContext, password: string, confirm: string, address: string): Promise<ErasureView> {
    if (confirm.trim().toLowerCase() !== ERASURE_CONFIRMATION) {
      throw new BadRequestException(
        `To erase your account, type "${ERASURE_CONFIRMATION}" in the box. Nothing has been changed.`,
      );
    }
    if (auth.isOperator) {
      throw new ForbiddenException(
        'An account that runs this service is closed by another operator, so the service is never left without one.',
      );
    }
    await this.auth.confirmPassword(auth, password, address);
    await this.auth.revokeAllFor(auth.userId);
    const erased = await eraseAccount(
      this.db,
      { accounts: this.accounts, entries: this.entries, log: this.log },
      auth.userId,
    );
    if (!erased) throw new NotFoundException('This account has already been erased.');
    erased.events.forEach((e) => this.fanout.deliver(e));
    return erased.done;
  }
}
