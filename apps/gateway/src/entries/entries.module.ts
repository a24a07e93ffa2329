import { Module } from '@nestjs/common';
import { PostsRepository } from './posts.repository';
import { ReviewRepository } from './review.repository';

/** The store of posts and threads: every statement on them, for the domain modules above. */
@Module({ providers: [PostsRepository, ReviewRepository], exports: [PostsRepository, ReviewRepository] })
export class EntriesModule {}
