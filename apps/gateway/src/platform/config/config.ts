import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidationError,
  validateSync,
} from 'class-validator';

/** Why the process refused to start; main.ts prints the message and exits. */
export class ConfigError extends Error {}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * The environment as the gateway reads it, validated once at boot. Each property is named after
 * its variable so that an error can name exactly what to fix.
 */
class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/\S+$/)
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/\S+$/)
  REDIS_URL!: string;

  @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  REDIS_PREFIX = 'p2p';

  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,]+)(,https?:\/\/[^\s,]+)*$/)
  ALLOWED_ORIGINS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_TTL_DAYS = 14;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_ATTEMPTS_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_ATTEMPTS_PER_ADDRESS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOGIN_WINDOW_SECONDS = 900;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  POSTS_PER_HOUR = 30;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(600000)
  RELEASE_RECONCILE_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  REALTIME_POLL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  RELEASE_CONCURRENCY = 200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_PER_MINUTE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  FLAGS_PER_HOUR = 20;

  /** Supportive reactions a member may leave or take back in an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  REACTIONS_PER_HOUR = 120;

  /** Whether the guidelines read with the sentence model beside the rules (off: the rules alone). */
  @Transform(toBool)
  @IsBoolean()
  GUIDELINES_MODEL = true;

  /** The trained head of the sentence model; the one shipped with the code when not set. */
  @IsOptional()
  @IsString()
  GUIDELINES_MODEL_HEAD?: string;

  /** Worker threads reading with the sentence model: each reads a batch at a time, on a core of its own. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  GUIDELINES_MODEL_THREADS = 1;

  /** The SMTP server that sends notification emails; unset: no email, the app only. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/)
  SMTP_URL?: string;

  /** Who notification emails are from. */
  @Matches(/^[^\r\n]{3,200}$/)
  MAIL_FROM = 'P2P Board <no-reply@localhost>';

  /** How often PostgreSQL is asked for notification emails still due whose job Redis may have lost. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  NOTIFY_SWEEP_MS = 15000;

  /** Web Push: the board's VAPID key pair; made once and kept in the database when not set. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{80,100}$/)
  VAPID_PUBLIC_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{40,50}$/)
  VAPID_PRIVATE_KEY?: string;

  /** Who push services may contact about this board's pushes (mailto: or https:). */
  @Matches(/^(mailto:\S+@\S+|https:\/\/\S+)$/)
  VAPID_SUBJECT = 'mailto:no-reply@localhost';

  /** Push services a browser's subscription may point at (host suffixes); nothing else is ever called. */
  @Matches(/^[A-Za-z0-9.:-]+(,[A-Za-z0-9.:-]+)*$/)
  PUSH_ENDPOINT_HOSTS =
    'fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,notify.windows.com,push.apple.com';

  /** Where members open the board: the one link a notification email carries. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/)
  PUBLIC_URL?: string;

  /** Where the built web client is; by default dist/web beside the gateway's package.json. */
  @IsOptional()
  @IsString()
  WEB_CLIENT_DIR?: string;
}

const hints: Record<string, string> = {
  NODE_ENV: 'one of development, production or test',
  PORT: 'a port number from 0 to 65535',
  DATABASE_URL: 'a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/p2p',
  REDIS_URL: 'a Redis URL such as redis://127.0.0.1:6379',
  REDIS_PREFIX: 'letters, digits, colon, dash or underscore (at most 64)',
  ALLOWED_ORIGINS: 'a comma-separated list of http(s) origins such as https://board.example.org',
  SESSION_TTL_DAYS: 'a whole number of days from 1 to 365',
  COOKIE_SECURE: 'true or false',
  TRUST_PROXY: 'true or false',
  LOGIN_ATTEMPTS_PER_ACCOUNT: 'a whole number from 1 to 1000',
  LOGIN_ATTEMPTS_PER_ADDRESS: 'a whole number from 1 to 10000',
  LOGIN_WINDOW_SECONDS: 'a whole number of seconds from 10 to 86400',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace or silent',
  HOST: 'an address to listen on, such as 127.0.0.1 or 0.0.0.0',
  POSTS_PER_HOUR: 'a whole number from 1 to 10000',
  RELEASE_RECONCILE_MS: 'a whole number of milliseconds from 50 to 600000',
  REALTIME_POLL_MS: 'a whole number of milliseconds from 50 to 60000',
  RELEASE_CONCURRENCY: 'a whole number from 1 to 1000',
  CHAT_PER_MINUTE: 'a whole number from 1 to 10000',
  FLAGS_PER_HOUR: 'a whole number from 1 to 10000',
  REACTIONS_PER_HOUR: 'a whole number from 1 to 10000',
  GUIDELINES_MODEL: 'true or false',
  GUIDELINES_MODEL_HEAD: 'the path of a trained head file',
  GUIDELINES_MODEL_THREADS: 'a whole number from 1 to 16',
  SMTP_URL: 'an SMTP URL such as smtp://user:password@mail.example.org:587',
  MAIL_FROM: 'a sender such as P2P Board <no-reply@board.example.org>',
  NOTIFY_SWEEP_MS: 'a whole number of milliseconds from 100 to 600000',
  VAPID_PUBLIC_KEY: 'a VAPID public key (base64url), made with web-push generate-vapid-keys',
  VAPID_PRIVATE_KEY: 'a VAPID private key (base64url), made with web-push generate-vapid-keys',
  VAPID_SUBJECT: 'mailto:someone@example.org or an https:// address',
  PUSH_ENDPOINT_HOSTS: 'a comma-separated list of push service hosts, such as fcm.googleapis.com',
  PUBLIC_URL: 'the address members open the board at, such as https://board.example.org',
  WEB_CLIENT_DIR: 'the folder npm run build:web wrote (it holds index.html)',
};

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  allowedOrigins: string[];
  sessionTtlMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  login: { perAccount: number; perAddress: number; windowSeconds: number };
  logLevel: string;
  postsPerHour: number;
  releaseReconcileMs: number;
  realtimePollMs: number;
  releaseConcurrency: number;
  chatPerMinute: number;
  flagsPerHour: number;
  reactionsPerHour: number;
  guidelinesModel: { on: boolean; headFile?: string; threads: number };
  /** Email for notifications: null when no SMTP server is set. */
  mail: { smtpUrl: string; from: string } | null;
  notifySweepMs: number;
  push: { publicKey?: string; privateKey?: string; subject: string; endpointHosts: string[] };
  /** The board's address for links in emails. */
  publicUrl: string;
  /** The built web client's folder, when it is not the default. */
  webClientDir?: string;
}

function sentenceFor(error: ValidationError, env: NodeJS.ProcessEnv): string {
  const name = error.property;
  const hint = hints[name] ?? 'a valid value';
  return env[name] === undefined || env[name] === ''
    ? `Configuration: ${name} is not set; set it to ${hint}.`
    : `Configuration: ${name} is not valid; set it to ${hint}.`;
}

/** Reads and checks the environment; throws ConfigError with one sentence naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const given = Object.fromEntries(
    Object.keys(hints)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = plainToInstance(Environment, given);
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigError(sentenceFor(errors[0], env));

  const port = parsed.PORT;
  const production = parsed.NODE_ENV === 'production';
  return {
    env: parsed.NODE_ENV,
    port,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    redisUrl: parsed.REDIS_URL,
    redisPrefix: parsed.REDIS_PREFIX,
    allowedOrigins: parsed.ALLOWED_ORIGINS
      ? parsed.ALLOWED_ORIGINS.split(',').map((o) => o.replace(/\/$/, ''))
      : [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    sessionTtlMs: parsed.SESSION_TTL_DAYS * 86_400_000,
    cookieSecure: parsed.COOKIE_SECURE ?? production,
    trustProxy: parsed.TRUST_PROXY,
    login: {
      perAccount: parsed.LOGIN_ATTEMPTS_PER_ACCOUNT,
      perAddress: parsed.LOGIN_ATTEMPTS_PER_ADDRESS,
      windowSeconds: parsed.LOGIN_WINDOW_SECONDS,
    },
    logLevel: parsed.LOG_LEVEL,
    postsPerHour: parsed.POSTS_PER_HOUR,
    releaseReconcileMs: parsed.RELEASE_RECONCILE_MS,
    realtimePollMs: parsed.REALTIME_POLL_MS,
    releaseConcurrency: parsed.RELEASE_CONCURRENCY,
    chatPerMinute: parsed.CHAT_PER_MINUTE,
    flagsPerHour: parsed.FLAGS_PER_HOUR,
    reactionsPerHour: parsed.REACTIONS_PER_HOUR,
    guidelinesModel: {
      on: parsed.GUIDELINES_MODEL,
      headFile: parsed.GUIDELINES_MODEL_HEAD,
      threads: parsed.GUIDELINES_MODEL_THREADS,
    },
    mail: parsed.SMTP_URL ? { smtpUrl: parsed.SMTP_URL, from: parsed.MAIL_FROM } : null,
    notifySweepMs: parsed.NOTIFY_SWEEP_MS,
    push: {
      publicKey: parsed.VAPID_PUBLIC_KEY,
      privateKey: parsed.VAPID_PRIVATE_KEY,
      subject: parsed.VAPID_SUBJECT,
      endpointHosts: parsed.PUSH_ENDPOINT_HOSTS.split(',').map((h) => h.toLowerCase()),
    },
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ''),
    webClientDir: parsed.WEB_CLIENT_DIR || undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
