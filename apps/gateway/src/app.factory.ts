import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter, toErrorBody } from './platform/http/all-exceptions.filter';
import { SafeShape, createValidationPipe } from './platform/http/validation';
import { AppConfig } from './platform/config/config';
import { RealtimeIoAdapter } from './platform/realtime/io-adapter';
import { serveWebClient, webClientDir } from './web-client';
import { openApiDocument } from './platform/http/openapi';
import { SESSION_COOKIE } from './auth/tokens';

export const MAX_JSON_BODY = '64kb';

/** Builds the gateway exactly as production runs it; tests and the start script use this too. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  // Checked before anything opens a connection, so a wrong folder stops the start cleanly.
  const web = webClientDir(config.webClientDir);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(cookieParser());
  app.use(express.json({ limit: MAX_JSON_BODY, strict: true }));
  // Body-parser errors arrive before Nest's filters: answer them in the same shape.
  const errorLogger = new NestLogger('Errors');
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const body = toErrorBody(err, errorLogger);
    res.status(body.statusCode).json(body);
  });
  if (web) serveWebClient(app, web);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new SafeShape(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableCors({ origin: config.allowedOrigins, credentials: true });

  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));

  const document = openApiDocument(app, { sessionCookie: SESSION_COOKIE });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
