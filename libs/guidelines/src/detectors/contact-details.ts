import { Hit, oneOf, pattern } from '../language/patterns';
import { Sentence } from '../language/sentences';
import { PhraseRule, runRules } from './rules';
import { Detection, Post } from './types';

/**
 * contact-details: personal contact details, or an arrangement that takes talk one-to-one:
 * phone numbers (07700 900123, +44 7700 900123), emails, social handles, street addresses and
 * postcodes, "DM me", "add me on insta", "meet up just the two of us". Quoting a service's
 * number ("ring the crisis team on 01900 ...", "Samaritans 116 123") is not.
 */

const PLATFORM = oneOf(`
  insta | instagram | ig | snap | snapchat | sc | twitter | tiktok | tik tok | discord | facebook | fb | whatsapp | whats app |
  telegram | kik | tumblr | signal | skype | messenger | threads | bluesky | twitch | steam | psn | xbox | wechat | viber | line
`);

/** Words that say a number or address belongs to a service, not a person. */
const SERVICE =
  /\b(?:samaritans|crisis|helpline|hotline|helplines|line|team|service|services|nhs|gp|surgery|doctor|doctors|clinic|hospital|ward|council|office|police|charity|mind|shout|papyrus|calm|childline|sane|111|999|a&e|reception|staff|outreach|website|centre|center|practice|pharmacy|chemist|housing|dwp|jobcentre|school|college|university|uni|company|organisation|organization|support line|listening line|text line)\b/;
const PERSONAL = /\b(?:me|my|mine|i|we|us|our)\b/;
const PERSONAL_POSSESSIVE = /\b(?:me|my|mine)\b/;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\w+])(?:\+|00)?\(?\d[\d ().-]{8,17}\d(?![\w])/g;
const HANDLE = /(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/g;
const DISCORD_TAG = /(?<![\w#])[A-Za-z0-9_.]{2,32}#\d{4}(?!\w)/g;
const PROFILE_URL =
  /\b(?:https?:\/\/)?(?:www\.)?(?:instagram\.com|facebook\.com|fb\.com|twitter\.com|x\.com|tiktok\.com|snapchat\.com\/add|wa\.me|t\.me|discord\.gg|discord\.com\/users|linkedin\.com\/in)\/[\w.@-]+/gi;
const POSTCODE_UPPER = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/g;
const POSTCODE_ANY = /\b[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}\b/g;
const ADDRESS_WORDS =
  /\b(?:postcode|post code|address|live at|live on|come round|come over|my place|my flat|my house|mine|sat nav|satnav)\b/;
const STREET =
  /\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z']+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Terrace|Place|Pl|Court|Ct|Gardens|Gdns|Grove|Row|Hill|Square|Sq|Mews|Walk|Parade|View|Rise|Green)\b/g;

function sentenceAt(post: Post, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = post.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = post.sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function phoneKind(written: string): 'mobile' | 'landline' | 'other' | null {
  let digits = written.replace(/\D/g, '');
  if (written.startsWith('+44') || written.startsWith('0044')) digits = '0' + digits.replace(/^(?:00)?44/, '');
  if (digits.length < 10 || digits.length > 13) return null;
  if (/^07\d{9}$/.test(digits)) return 'mobile';
  if (/^0[12]\d{8,9}$/.test(digits)) return 'landline';
  if (/^0[3589]/.test(digits)) return 'other';
  return written.startsWith('+') ? 'other' : null;
}

function rawFindings(post: Post): Detection[] {
  const found: Detection[] = [];
  const add = (start: number, end: number, reason: string, strength: number) =>
    found.push({ category: 'contact-details', start, end, reason, strength });
  const context = (offset: number) => sentenceAt(post, offset)?.text ?? '';
  const { text } = post;

  for (const m of text.matchAll(EMAIL)) {
    const c = context(m.index);
    if (SERVICE.test(c) && !PERSONAL_POSSESSIVE.test(c)) continue;
    add(m.index, m.index + m[0].length, 'an email address', 60);
  }
  for (const m of text.matchAll(PHONE)) {
    const kind = phoneKind(m[0]);
    if (kind === null) continue;
    const c = context(m.index);
    const service = SERVICE.test(c);
    const personal = PERSONAL.test(c);
    const counts =
      kind === 'mobile'
        ? !service || PERSONAL_POSSESSIVE.test(c)
        : kind === 'landline'
          ? !service
          : personal && !service;
    if (counts) add(m.index, m.index + m[0].trimEnd().length, 'a phone number', 60);
  }
  for (const m of text.matchAll(HANDLE)) {
    const handle = m[1];
    if (/^(?:everyone|here|all|channel)$/i.test(handle)) continue;
    const c = context(m.index);
    const social = new RegExp(`\\b${PLATFORM}\\b|\\b(?:add|follow|find|message|dm|pm|snap|text|hit) me\\b`).test(c);
    if (social || /[\d._]/.test(handle)) add(m.index, m.index + m[0].length, 'a social media handle', 60);
  }
  for (const m of text.matchAll(DISCORD_TAG)) add(m.index, m.index + m[0].length, 'a social media handle', 60);
  for (const m of text.matchAll(PROFILE_URL)) add(m.index, m.index + m[0].length, 'a social media profile', 60);
  for (const m of text.matchAll(STREET)) {
    const c = context(m.index);
    if (SERVICE.test(c) && !PERSONAL_POSSESSIVE.test(c)) continue;
    add(m.index, m.index + m[0].length, 'a street address', 60);
  }
  for (const m of text.matchAll(POSTCODE_UPPER)) add(m.index, m.index + m[0].length, 'a postcode', 55);
  for (const m of text.matchAll(POSTCODE_ANY)) {
    if (m[0] === m[0].toUpperCase()) continue;
    if (ADDRESS_WORDS.test(context(m.index))) add(m.index, m.index + m[0].length, 'a postcode', 55);
  }
  return found;
}

/** "call me" and friends only count as an invitation, not in "she would call me lazy". */
const INVITING_BEFORE =
  /(?:^|\b(?:you can|you could|feel free to|just|please|so|and|then|can someone|can anyone|could someone|could you|someone|anyone|pls|do not hesitate to|you are welcome to|happy for you to|free to|always)) $/;
const REPORTING_BEFORE =
  /\b(?:he|she|they|people|others|followers|fans|viewers|nobody|no one|it|mum|dad|would|will|did|does|never|always|who|to|not|they would|kept|keeps|used to|staff|team|nurse|doctor|gp)(?: \S+)? $/;

function inviting(hit: Hit): boolean {
  const before = hit.sentence.text.slice(Math.max(0, hit.cStart - 40), hit.cStart);
  const verb = hit.sentence.words[hit.first];
  const after = hit.sentence.text.slice(hit.cEnd, hit.cEnd + 30);
  if (/^(?:call|ring|phone|text)$/.test(verb)) {
    return (
      (before === '' || INVITING_BEFORE.test(before)) &&
      /^(?: (?:on|at|any ?time|whenever|if|when|later|tonight|sometime|privately|instead|outside|back|,)|$)/.test(after)
    );
  }
  return !REPORTING_BEFORE.test(before);
}

export const CONTACT_RULES: readonly PhraseRule[] = [
  {
    name: 'dm me',
    hint: /\bme\b|\bhmu\b/,
    re: pattern(
      `\\b(?:dm|pm|inbox|message|msg|private message|direct message|privately message|email|whatsapp|snap|text|ring|call|phone|facetime|skype) me\\b(?! (?:out|back|up|down|awake)\\b)|\\b(?:hmu|hit me up)\\b`,
    ),
    reason: 'an invitation to talk one-to-one',
    strength: 55,
    accept: inviting,
  },
  {
    name: 'talk privately',
    hint: /\b(?:privately|private|directly|one to one|1 to 1|1 1|off here|off the board|outside|elsewhere|somewhere else|on)\b/,
    re: pattern(
      `\\b(?:message|msg|talk|chat|speak|text|dm|pm|contact|reach) (?:me |you |each other |to me |with me )?(?:privately|in private|directly|one to one|1 to 1|1 1|off here|off the board|outside (?:of )?(?:here|the board|group|this)|elsewhere|somewhere else|on (?:${PLATFORM}))\\b`,
    ),
    reason: 'an invitation to talk one-to-one',
    strength: 55,
    firstPerson: true,
  },
  {
    name: 'without everyone reading',
    hint: /\bwithout\b/,
    re: pattern(
      `\\b(?:so|where|and|then|if) (?:we|you and i|i) (?:can|could) (?:chat|talk|speak|message|text) (?:\\S+ ){0,3}without (?:everyone|anyone|everybody|the others|other people|people|the group|the board|staff|top 3|them)(?: \\S+){0,2}\\b`,
    ),
    reason: 'an invitation to talk one-to-one',
    strength: 55,
  },
  {
    name: 'meet alone',
    hint: /\b(?:two of us|just us|alone|private|privately|our own|one to one|1 to 1|without)\b/,
    re: pattern(
      `\\b(?:meet|meet up|hang out|go for (?:a )?(?:coffee|drink|walk|pint)|get together|come round|come over|link up) (?:\\S+ ){0,4}(?:just the two of us|just us two|just us|alone|in private|privately|on our own|one to one|1 to 1|without (?:the others|anyone|everyone|the group|staff))\\b|\\bjust the two of us\\b`,
    ),
    reason: 'an invitation to meet one-to-one',
    strength: 55,
  },
  {
    name: 'add me',
    hint: /\b(?:add|follow|find|friend|come) (?:me|round|over)\b/,
    re: pattern(
      `\\b(?:add|follow|find|friend) me (?:on|at|over on)\\b|\\b(?:add|follow) me\\b(?=.*\\b${PLATFORM}\\b)|\\bcome (?:round|over) to (?:mine|my (?:place|flat|house))\\b`,
    ),
    reason: 'an invitation to talk one-to-one',
    strength: 55,
    accept: inviting,
  },
  {
    name: 'asks for details',
    hint: /\b(?:numbers?|emails?|email address|contact details|socials|snaps?|insta|instagram|discord|whatsapp|address(?:es)?|digits)\b/,
    re: pattern(
      `\\b(?:swap|exchange|trade|give me|send me|dm me|pm me|text me|what is|can i have|can i get|could i get|could i have|drop me|drop) (?:your |our |my )?(?:numbers?|phone numbers?|emails?|email address|contact details|socials|snaps?|insta|instagram|discord|whatsapp|addresses|address|digits)\\b`,
    ),
    reason: 'asking to swap contact details',
    strength: 55,
    accept: (hit) => !SERVICE.test(hit.sentence.text),
  },
  {
    name: 'my number is',
    hint: /\bmy\b/,
    re: pattern(
      `\\bmy (?:number|phone number|mobile|mobile number|cell|cell number|email|email address|address|home address|${PLATFORM}|username|user name|handle|socials|tag) (?:is|:)(?! (?:not|private|changed|the same|on file|with|all about|about|for|because|from|like|in|a joke|a reference))`,
    ),
    reason: 'sharing contact details',
    strength: 60,
    accept: (hit) =>
      !/\b(?:what|how|why|where) $/.test(hit.sentence.text.slice(Math.max(0, hit.cStart - 8), hit.cStart)),
  },
  {
    name: 'i live at',
    hint: /\blive (?:at|on)\b/,
    re: pattern(`\\bi live (?:at|on) (?:number |no )?\\d+\\b`),
    reason: 'a street address',
    strength: 60,
  },
];

export function detectContactDetails(post: Post): Detection[] {
  return [...rawFindings(post), ...runRules(post, 'contact-details', CONTACT_RULES)];
}
