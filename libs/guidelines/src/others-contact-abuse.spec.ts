import { verdict } from './verdict.testing';

describe('threats to others are held; figures of speech and other people’s threats are not', () => {
  it.each([
    ["If I see him again I'll smash his face in.", 'smash his face in'],
    ["I'm going to stab that nurse.", 'stab that nurse'],
    ['I swear to god I will kill my stepdad', 'kill my stepdad'],
    ['gonna batter him when he gets out', 'batter him'],
    ['I know where you live.', 'know where you live'],
    ["I'll make him pay for what he did", 'make him pay'],
  ])('%j is held, quoting %j', (text, words) => {
    const v = verdict(text);
    expect(v).toMatchObject({ outcome: 'hold', category: 'imminent-harm-others' });
    expect(v.matched.join(' | ')).toContain(words);
  });

  it.each([
    ['This heat is killing me.'],
    ['I could kill for a coffee right now.'],
    ['My boss will murder me if I am late again.'],
    ['That exam absolutely killed me lol'],
    ['You killed it at the talent show!'],
    ["I'm going to kill it at my interview tomorrow."],
    ["I'll kill you if you spoil the ending haha"],
    ['He said he would kill me if I told anyone.'],
    ["I would never hurt her, I'm not like my dad."],
    ["I'm going to report it to the housing officer."],
    ['I will hit him up later about the bus times.'],
    ["I don't want to hurt her feelings."],
    ['With my death I will hurt people, that is what stops me.'],
  ])('%j is published', (text) => {
    expect(verdict(text)).toMatchObject({ outcome: 'publish' });
  });
});

describe('contact details and one-to-one arrangements get a warning', () => {
  it.each([
    ['text me 07700900123', '07700900123'],
    ['Ring me on 07700 900 123 tonight', '07700 900 123'],
    ['my number is +44 7700 900 123', '+44 7700 900 123'],
    ['call me on (0161) 496 0000', '(0161) 496 0000'],
    ['email me at jo.bloggs@gmail.com', 'jo.bloggs@gmail.com'],
    ['DM me', 'DM me'],
    ['pm me if you want to chat', 'pm me'],
    ['add me on snap, quietfox22', 'add me on'],
    ['my insta is @quiet.fox.22', '@quiet.fox.22'],
    ['find me at instagram.com/quietfox', 'instagram.com/quietfox'],
    ['my discord is fox#1234', 'fox#1234'],
    ["I'm at 14 Harbour Road, CA15 8AB, pop round", '14 Harbour Road'],
    ["I'm at 14 Harbour Road, CA15 8AB, pop round", 'CA15 8AB'],
    ["let's meet up just the two of us after group", 'just the two of us'],
    ['message me privately if you want', 'message me privately'],
    ['we should swap numbers', 'swap numbers'],
    ['so we can talk without everyone reading', 'without everyone reading'],
    ['can someone message me please', 'message me'],
  ])('%j warns, quoting %j', (text, words) => {
    const v = verdict(text);
    expect(v).toMatchObject({ outcome: 'warn', category: 'contact-details' });
    expect(v.matched.join(' | ')).toContain(words);
  });

  it.each([
    ['My number changed, staff have the new one for the outreach team.'],
    ['Ring Samaritans on 116 123, any time.'],
    ['The crisis team number is 01900 123456 if anyone needs it.'],
    ['You can text SHOUT to 85258.'],
    ['My mum would call me lazy every day.'],
    ['Thanks @Sam for listening yesterday.'],
    ["Let's all meet up at group on Tuesday."],
    ['Please do not DM me, I would rather keep it on here.'],
    ['The bus from Maryport leaves at 10.30 from stand 4.'],
    ['Can anyone snap me out of this mood?'],
    ['Others follow me on Facebook and Twitch for my art.'],
    ["That's what my username is all about."],
    ['I saved £12,000 over 2019-2020.'],
  ])('%j is published', (text) => {
    expect(verdict(text).outcome).toBe('publish');
  });
});

describe('abuse aimed at another member is held; self-criticism, quotes and reassurance are not', () => {
  it.each([
    ["You're pathetic, nobody in this group can stand you. Just leave.", "You're pathetic"],
    ['Shut up you stupid cow, no one asked you.', 'you stupid cow'],
    ['ur an idiot', 'ur an idiot'],
    ['your pathetic', 'your pathetic'],
    ['shut up you attention seeker', 'you attention seeker'],
    ['Sam is a liar and everyone knows it.', 'Sam is a liar'],
    ['Everyone here hates you.', 'Everyone here hates you'],
    ['Fuck off.', 'Fuck off'],
    ['kys', 'kys'],
    ['You deserve to suffer.', 'You deserve to suffer'],
  ])('%j is held, quoting %j', (text, words) => {
    const v = verdict(text);
    expect(v).toMatchObject({ outcome: 'hold', category: 'abuse' });
    expect(v.matched).toContain(words);
  });

  it.each([
    ["I'm so stupid, I forgot group again."],
    ['I hate myself, I am such an idiot.'],
    ['He called me a pathetic loser and I cried.'],
    ['My dad used to say "you are worthless" all the time.'],
    ['People tell you you are stupid when you are depressed.'],
    ["You're not a burden, you're not stupid, you matter."],
    ['Nobody hates you, honestly.'],
    ["Please don't kill yourself."],
    ['I told him to shut up and walked off.'],
    ['I just want my brain to shut up.'],
    ['Depression is a bitch.'],
    ['Note to self: you are an idiot for forgetting your keys again.'],
  ])('%j is published', (text) => {
    expect(verdict(text).outcome).toBe('publish');
  });
});
