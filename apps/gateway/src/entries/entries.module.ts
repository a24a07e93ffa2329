import { Module } from '@nestjs/common';
import { PostsRepository } from './posts.repository';
import { ReactionsRepository } from './reactions.repository';
import { ReviewRepository } from './review.repository';
import { WordsRemovalRepository } from './words-removal.repository';

/** The store of posts and threads: every statement on them, for the domain modules above. */
const REPOSITORIES = [PostsRepository, ReviewRepository, ReactionsRepository, WordsRemovalRepository];

@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class EntriesModule {}
