import { Module } from '@nestjs/common';
import { DraftsController } from './drafts.controller';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';

/** Each member's drafts: words still being written, kept on the server. */
@Module({ controllers: [DraftsController], providers: [DraftsService, DraftsRepository], exports: [DraftsService] })
export class DraftsModule {}
