import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown-lite: paragraphs, emphasis, lists and links, nothing else. Raw HTML in a post is shown
 * as text, never run; the sanitizer behind the renderer is a second lock on the same door.
 */
const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true })
  .enable(['paragraph', 'newline', 'emphasis', 'list', 'link', 'linkify', 'escape', 'entity'])
  .enable(['text', 'balance_pairs', 'fragments_join']);

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer ugc' }) },
};

export function renderPost(text: string): string {
  return sanitizeHtml(md.render(text), allowed).trim();
}
