import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ClientEvents, ServerEvents } from '@p2p/contract';

/**
 * The socket events are defined once, in the contract's typed map; the pages outside clients read
 * must name every one of them, and nothing else. A new event without its row fails here.
 */
describe('the socket events, as the docs describe them', () => {
  const doc = (name: string) => readFileSync(path.resolve(__dirname, '../../docs', name), 'utf8');
  /** The first cell of each row of a markdown table whose header starts with `first`. */
  const firstColumn = (text: string, first: string): string[] => {
    const start = text.indexOf(`| ${first}`);
    expect(start).toBeGreaterThanOrEqual(0);
    const rows = text.slice(start).split('\n');
    const end = rows.findIndex((r) => !r.startsWith('|'));
    return rows
      .slice(2, end)
      .map((r) => /^\|\s*`([^`]+)`/.exec(r)?.[1])
      .filter((x): x is string => Boolean(x));
  };

  it('docs/realtime.md has a row for every server event, and none that is not one', () => {
    expect(firstColumn(doc('realtime.md'), 'event').sort()).toEqual(Object.values(ServerEvents).sort());
  });

  it('docs/chat.md has a row for every client event', () => {
    expect(firstColumn(doc('chat.md'), 'event').sort()).toEqual(Object.values(ClientEvents).sort());
  });
});
