/// <reference types="jest" />
import { ago } from './time';

describe('ago: when something happened, in words', () => {
  // Noon on a Wednesday, in the machine's own time zone (as the browser's would be).
  const now = new Date(2026, 11, 9, 12, 0, 0).getTime();
  const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo, d, h, mi).toISOString();

  it('says just now, minutes and hours within today', () => {
    expect(ago(at(2026, 11, 9, 11, 59), now)).toBe('1 minute ago');
    expect(ago(new Date(now - 20_000).toISOString(), now)).toBe('just now');
    expect(ago(at(2026, 11, 9, 11, 15), now)).toBe('45 minutes ago');
    expect(ago(at(2026, 11, 9, 9, 0), now)).toBe('3 hours ago');
    expect(ago(at(2026, 11, 9, 0, 5), now)).toBe('11 hours ago');
  });

  it('says yesterday and the weekday within a week, with the time, then the date', () => {
    expect(ago(at(2026, 11, 8, 21, 40), now)).toBe('yesterday, 21:40');
    expect(ago(at(2026, 11, 8, 23, 59), now)).toBe('yesterday, 23:59');
    expect(ago(at(2026, 11, 5, 9, 15), now)).toBe('Saturday, 09:15');
    expect(ago(at(2026, 11, 1, 9, 15), now)).toBe('1 Dec 2026');
  });
});
