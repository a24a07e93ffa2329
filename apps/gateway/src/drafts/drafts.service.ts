import { Injectable } from '@nestjs/common';
import { DraftView } from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { SaveDraftDto } from './drafts.dto';
import { DraftRow, DraftsRepository } from './drafts.repository';

const toView = (place: string, r: DraftRow | undefined): DraftView => ({
  place,
  title: r?.title ?? null,
  body: r?.body ?? '',
  updatedAt: r?.updated_at.toISOString() ?? null,
});

/**
 * A member's drafts: words still being written, kept so they survive a dropped connection or a
 * change of device. Only the writer reads, saves or clears their own (the id comes from the
 * session). A draft may name any well-formed place: it is only words waiting, and whether the
 * member may write there is decided when the post is sent.
 */
@Injectable()
export class DraftsService {
  constructor(private readonly drafts: DraftsRepository) {}

  async mine(auth: AuthContext, place: string): Promise<DraftView> {
    return toView(place, await this.drafts.ofUser(auth.userId, place));
  }

  async save(auth: AuthContext, place: string, input: SaveDraftDto): Promise<DraftView> {
    return toView(place, await this.drafts.save(auth.userId, place, input.title ?? null, input.body));
  }

  async remove(auth: AuthContext, place: string): Promise<void> {
    await this.drafts.remove(auth.userId, place);
  }
}
