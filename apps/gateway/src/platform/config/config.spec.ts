import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/p2p', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('configuration read at boot', () => {
  it('fills safe defaults around the two required URLs', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.redisPrefix).toBe('p2p');
    expect(config.allowedOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(config.cookieSecure).toBe(false);
  });

  it('reads numbers, flags and lists', () => {
    const config = loadConfig({
      ...base,
      PORT: '4100',
      COOKIE_SECURE: 'true',
      ALLOWED_ORIGINS: 'https://a.org,https://b.org/',
    });
    expect(config.port).toBe(4100);
    expect(config.cookieSecure).toBe(true);
    expect(config.allowedOrigins).toEqual(['https://a.org', 'https://b.org']);
  });

  it.each([
    [
      { REDIS_URL: base.REDIS_URL },
      'Configuration: DATABASE_URL is not set; set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/p2p.',
    ],
    [
      { ...base, DATABASE_URL: 'mysql://x' },
      'Configuration: DATABASE_URL is not valid; set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/p2p.',
    ],
    [{ ...base, PORT: 'eighty' }, 'Configuration: PORT is not valid; set it to a port number from 0 to 65535.'],
    [{ ...base, PORT: '70000' }, 'Configuration: PORT is not valid; set it to a port number from 0 to 65535.'],
    [
      { ...base, SESSION_TTL_DAYS: '0' },
      'Configuration: SESSION_TTL_DAYS is not valid; set it to a whole number of days from 1 to 365.',
    ],
    [{ ...base, COOKIE_SECURE: 'maybe' }, 'Configuration: COOKIE_SECURE is not valid; set it to true or false.'],
  ])('%j stops with one sentence naming the variable', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(sentence));
  });
});
