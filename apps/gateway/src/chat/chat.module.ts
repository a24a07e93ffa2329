import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { CommunitiesModule } from '../communities/communities.module';
import { EntriesModule } from '../entries/entries.module';
import { PostsModule } from '../posts/posts.module';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';
import { Presence } from './presence';

@Module({
  imports: [CommunitiesModule, BoardsModule, EntriesModule, PostsModule],
  controllers: [ChatController],
  providers: [ChatService, ChatRepository, ChatGateway, Presence],
})
export class ChatModule {}
