import { renderPost } from './markdown';

describe('rendering what members write', () => {
  it.each([
    ['plain words', 'Hello all', '<p>Hello all</p>'],
    ['paragraphs and line breaks', 'one\ntwo\n\nthree', '<p>one<br />\ntwo</p>\n<p>three</p>'],
    ['emphasis', '*gently* and **firmly**', '<p><em>gently</em> and <strong>firmly</strong></p>'],
    ['lists', '- tea\n- toast', '<ul>\n<li>tea</li>\n<li>toast</li>\n</ul>'],
    [
      'links',
      '[Samaritans](https://www.samaritans.org)',
      '<p><a href="https://www.samaritans.org" rel="nofollow noopener noreferrer ugc">Samaritans</a></p>',
    ],
  ])('%s', (_name, text, html) => {
    expect(renderPost(text)).toBe(html);
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '# heading <style>body{}</style>',
    '![img](https://evil.example/x.png)',
    '<svg onload=alert(1)>',
  ])('nothing runs: %s', (text) => {
    const html = renderPost(text);
    expect(html).not.toMatch(/<(script|img|iframe|style|svg|h1)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/<a [^>]*href="(javascript|data):/i);
  });

  it('shows raw HTML as text rather than dropping what was written', () => {
    expect(renderPost('I <3 this & <b>that</b>')).toBe('<p>I &lt;3 this &amp; &lt;b&gt;that&lt;/b&gt;</p>');
  });
});
