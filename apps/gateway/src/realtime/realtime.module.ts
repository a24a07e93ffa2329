import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BoardsModule } from '../boards/boards.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, BoardsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
