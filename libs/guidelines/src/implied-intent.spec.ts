import { splitSentences } from './language/sentences';
import { verdict } from './verdict.testing';

describe('intent that is meant but not spelled out is held', () => {
  it.each([
    // implied intent: a time tied to someone else's going, a day looked forward to
    ['No one cares... When my parents go I’ll go', 'intent, set for a time'],
    ['He is 12 and not doing well and I feel hopeless. I think I might go when he does.', 'intent, set for a time'],
    ["All I'm looking forward to is the day that I'll be able to kill myself.", 'as settled'],
    ['Right now just seems like the time to save my family the pain and just ending it.', 'a time set'],
    ["I've finally given up. I've finally found the nerve to carry out my plan.", 'intent to end their life'],
    ["I've made my decision. I don't want to be alive anymore.", 'no wish to go on living'],
    ['Everything is pointless. Going out for a night walk, not planning on coming back.', 'a goodbye or final message'],
    ['This weekend I will find peace. I give up.', 'a time set'],
    // a wish held back only by fear, or fought every day
    ["There's no reason to go on, but I'm too much of a coward to kill myself.", 'held back only by fear'],
    ["I'm suicidal and I can't bring myself to pull the trigger.", 'held back only by fear'],
    ['Every single day is a fight not to hurt myself.', 'fighting an urge'],
    ['The whole drive to work I spend stopping myself from speeding into a wall.', 'fighting an urge'],
    ['Hopefully I can keep myself from ending it all today.', 'fighting an urge'],
    // death wished by other means
    ['I want to die. I hope this virus kills me.', 'a wish to die'],
    ['If I die from it, fine. I kind of want to just catch the virus already.', 'a wish to die'],
    ['Anytime I can die would be great, the sooner the better.', 'a wish to die'],
    // considering it, asking for a push or a reason
    ["I'm thinking of ending it all.", 'considering ending their life'],
    ["It's the first night in a while I've considered potentially taking my life.", 'considering ending their life'],
    ['I just need a reason not to end my life.', 'asking whether to end their life'],
    ['I feel hopeless, I want to be encouraged to end my misery.', 'a wish to end their life'],
    ['I’m on the edge of suicide and I can’t deal with the pain anymore.', 'close to acting on it'],
    ["I've never been closer to killing myself than now.", 'close to acting on it'],
    ['Noone loves me. I give up. I wanna go.', 'a wish to die'],
    ['I want someone to hit me and make it look like an accident. I want to die.', 'a wish to die'],
    ['The only reason I haven’t ended my life just yet is I want to play one more game.', 'intent'],
    ['If I had a gun, I’d blow my fucking brains out right now', 'intent with a timeframe'],
    ['Now as I try to sleep I have this urge to shove it in my neck.', 'an urge'],
    ['Every single night I have desperately wanted to end my life.', 'intent'],
    ['Even if I make it past this year, I know I won’t last long. I feel hopeless.', 'a time set'],
    ['I’m suicidal and I can’t bring myself over to pull the trigger.', 'held back only by fear'],
    // method questions with no suicide word
    ['Is 220 volts enough to kill an adult?', 'looking for a way to end their life'],
    ["What's the lethal dose of mefenamic acid? I have 5g.", 'looking for a way to end their life'],
    ['What wiring should I use? How long till no one can resuscitate me?', 'looking for a way to end their life'],
    ['How long does it take to bleed out?', 'looking for a way to end their life'],
    ['Which cleaning products can be mixed to create hydrogen sulfide?', 'looking for a way to end their life'],
    ['Is the bridge still a option for suicide?', 'looking for a way to end their life'],
  ])('%j is held (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('hold');
    expect(v.category).toBe('imminent-harm-self');
    expect(v.reasons).toContain(reason);
  });
});

describe('attempts stopped at the last moment, told in the negative, are held as accounts', () => {
  it.each([
    ["I didn't go through with it last night."],
    ["I didn't kill myself tonight. But I could have, I'm so suicidal."],
    ['I didn’t kill myself cause i’m a fucking pussy. I was too afraid I’d survive.'],
    ["I didn't go through with it"],
    ['I want to die. I chickened out yesterday.'],
    ['Right now I drank 10 pills of antidepressants but couldn’t get myself to finish the bottle.'],
    ["I've gotten back into burning myself."],
    ['Just fucked my record of 6 months without cutting, my whole arm is covered in blood.'],
  ])('%j is held', (text) => {
    const v = verdict(text);
    expect(v.outcome).toBe('hold');
    expect(v.reasons).toMatch(/attempt|overdose|self-harm|relapse/);
  });
});

describe('their everyday twins are published', () => {
  it.each([
    // "go" and "leave" about trips and jobs
    ["When my parents go on holiday I'll go to my nan's. I feel so depressed."],
    ["When they leave, I'll go too. It's a great party."],
    ['On the day I die I want a big party.'],
    // figures of speech and other people
    ['This heat is killing me.'],
    ['My mum will kill me if I fail. I feel hopeless.'],
    ['I wish the virus would kill my boss.'],
    ['Nobody can save me from this mess.'],
    ['How long until I die of boredom in this lecture?'],
    ['I hope this workout does not kill me, my suicidal thoughts are gone.'],
    // fear about everyday things, and fear in the past
    ["I'm too scared to ask her out, I hate myself."],
    ['I have an essay due tomorrow but I just can’t bring myself to do it. Do or die year.'],
    ['I used to be too scared to kill myself.'],
    ['It was a daily battle not to cut when I was 15.'],
    // negated, habitual or someone else's
    ["I'm not thinking of ending it, I promise. I feel suicidal sometimes."],
    ["I'm thinking of ending it with my boyfriend. I'm so depressed."],
    ["I didn't kill myself, I got help and I'm still here a year later."],
    ['My girlfriend says she wants to die. Is 220 volts dangerous?'],
    // safety advice and plans to come home
    ["Don't mix bleach and ammonia, it makes chlorine gas."],
    ['Moving to Spain next month, not planning on coming back to this dump lol'],
    ['I found the courage to ask for help today.'],
    ["I've made my decision: I'm going to uni."],
    ['I feel hopeless. I want to go home.'],
    ['I feel hopeless. Do you want to go?'],
    ['I want someone to hit me up later, I feel suicidal.'],
    ["I haven't done it yet, the homework. Suicide prevention week is great."],
    ['I wish I had the courage to jump into the pool.'],
    // letters that are words of their own
    ['u r a star'],
    ['Plan A B C is fine'],
  ])('%j is published', (text) => {
    expect(verdict(text).outcome).toBe('publish');
  });
});

describe('reading spelled-out words and time words', () => {
  it('reads single letters spaced out as one word, and a capital I that opens them as the pronoun', () => {
    expect(splitSentences('I w a n t  to  d I e')[0].text).toBe('i want to die');
    expect(splitSentences('k i l l m y s e l f')[0].text).toBe('kill myself');
    expect(splitSentences('u r a star')[0].text).toBe('you r a star');
  });

  it('does not read "back into" as "back in" (the past)', () => {
    expect(verdict("I've gotten back into cutting myself.").outcome).toBe('hold');
    expect(verdict('I cut myself back in 2015.').outcome).toBe('publish');
  });
});

describe('a wish to be dead, meant but not spelled out, is checked in', () => {
  it.each([
    ['I want to sleep forever. I wish I could be in an accident and die.', 'a wish to die'],
    ["Laying in bed and wishing I just didn't live on this Earth.", 'a wish to die'],
    ["I'd much rather just not exist.", 'a wish to die'],
    ['truly i just want to disappear painlessly', 'a wish to die'],
    ['I w a n t to d I e', 'a wish to die'],
    ['I wish I could find the courage to jump.', 'a wish to end their life'],
    ['All I really wanted to do today was jump of the cliff.', 'a wish to die'],
  ])('%j is checked in (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('check-in');
    expect(v.category).toBe('self-harm-thoughts');
    expect(v.reasons).toContain(reason);
  });
});
