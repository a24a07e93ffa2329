import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BoardsModule } from '../boards/boards.module';
import { CommunitiesModule } from '../communities/communities.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, BoardsModule, CommunitiesModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
