import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AuthModule } from './auth/auth.module';
import { BoardsModule } from './boards/boards.module';
import { CommunitiesModule } from './communities/communities.module';
import { APP_CONFIG, AppConfig } from './platform/config/config';
import { dataSourceOptions } from './platform/database/data-source';
import { HealthController } from './health/health.controller';
import { ChatModule } from './chat/chat.module';
import { GovernanceModule } from './governance/governance.module';
import { GuidelinesModule } from './guidelines/guidelines.module';
import { ModerationModule } from './moderation/moderation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { HardDaysModule } from './hard-days/hard-days.module';
import { PlansModule } from './plans/plans.module';
import { DraftsModule } from './drafts/drafts.module';
import { PostsModule } from './posts/posts.module';
import { PrivacyModule } from './privacy/privacy.module';
import { QueuesModule } from './platform/queues/queues.module';
import { FanoutModule } from './platform/realtime/fanout.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisModule } from './platform/redis/redis.module';
import { redisOptions } from './platform/redis/redis';

/**
 * A failed query's error carries its parameters, which can be what someone wrote or a password
 * hash: log the error and its SQL, never the values.
 */
export function withoutParameters(err: unknown): unknown {
  const plain = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  delete plain.parameters;
  const driver = plain.driverError as Record<string, unknown> | undefined;
  if (driver) delete driver.parameters;
  return plain;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: class ConfigModule {},
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // Never log what people wrote or how they sign in: no bodies, no tokens, no cookies.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              err: withoutParameters,
            },
            customLogLevel: (_req, res, err) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
        BullModule.forRoot({
          connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
          prefix: `${config.redisPrefix}:bull`,
        }),
        RedisModule,
        FanoutModule,
        QueuesModule,
        AuthModule,
        CommunitiesModule,
        BoardsModule,
        PostsModule,
        ModerationModule,
        GuidelinesModule,
        GovernanceModule,
        ChatModule,
        NotificationsModule,
        PlansModule,
        HardDaysModule,
        DraftsModule,
        PrivacyModule,
        RealtimeModule,
      ],
      controllers: [HealthController],
    };
  }
}
