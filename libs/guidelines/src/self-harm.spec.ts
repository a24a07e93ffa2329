import { checkText } from '.';
import { verdict } from './verdict.testing';

describe('imminent harm to oneself: intent, plans, means, timeframes and goodbyes are held', () => {
  it.each([
    // intent, in the ways people actually write it
    ['I want to kill myself.', 'intent'],
    ['im gonna kill myself tonite', 'intent with a timeframe'],
    ["i'll end it all tomorrow", 'intent with a timeframe'],
    ["I'm going to jump off the bridge after work.", 'intent with a timeframe'],
    ['Going to end it tonight when everyone is asleep.', 'intent with a timeframe'],
    ["I'm scared I'm going to hurt myself tonight.", 'intent with a timeframe'],
    ['If he leaves me I will kill myself.', 'intent'],
    ['i really think i should just kill myself', 'intent'],
    ['Why shouldn’t I just end it right now?', 'asking whether to end their life'],
    ["I can't keep myself safe right now.", 'cannot keep themselves safe'],
    ['I feel like killing myself.', 'an urge'],
    ['if things do not change I **will kill myself** regardless', 'intent'],
    ["I think I'll kil myself someday", 'intent'],
    ['I have such a strong urge to cut tonight.', 'an urge'],
    // plans, dates, means
    ["I've picked a date and I'm going to do it. I want to die.", 'a wish to die'],
    ['I have a plan to kill myself.', 'a plan'],
    ['I planned March 20th for my suicide.', 'a plan'],
    ["I've been saving up my tablets and I have enough now.", 'means gathered'],
    ['I bought a rope today. I want to end it.', 'means gathered'],
    ['I have enough pills to do it.', 'means gathered'],
    ['How many paracetamol would it take to die?', 'looking up means'],
    ["I've been looking up how many tablets it would take.", 'looking up means'],
    ["What's the most painless way to die?", 'looking for a way to end their life'],
    ['I put the gun to my head last night.', 'rehearsing with means'],
    // goodbyes and last posts
    ['This is my last post. Thank you all.', 'a goodbye or final message'],
    ['Goodbye everyone, thank you for everything.', 'a goodbye or final message'],
    ['Writing goodbye letters tonight.', 'a goodbye or final message'],
    ["I've written my note.", 'a goodbye or final message'],
    ['By the time you read this I will be gone.', 'a goodbye or final message'],
    ['Nothing ever changes and I give up. Thank you and goodbye.', 'a goodbye or final message'],
    ['Tonight is the night. I am done with life, I give up.', 'a time set'],
  ])('%j is held (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('hold');
    expect(v.category).toBe('imminent-harm-self');
    expect(v.reasons).toContain(reason);
  });
});

describe('talk about self-harm and suicide that is not a breach is published', () => {
  it.each([
    // negation
    ["I'm not going to hurt myself tonight, I promise."],
    ['I would never kill myself, my kids need me.'],
    ['i dont want to die i just want the pain to stop'],
    ["There's no way I'd ever end my life."],
    ["I don't think I'll hurt myself tonight but I'm struggling."],
    ["I won't do anything stupid, I just needed to say it."],
    // recovery
    ['Eight months without cutting today!'],
    ['I used to self-harm every day, now I go to DBT group.'],
    ['When I was 15 I tried to kill myself. Now I volunteer with young people.'],
    ["It's been a year since I last cut."],
    ["I haven't self harmed in 3 months and I'm proud."],
    ['I used to want to die all the time.'],
    // a crisis plan used
    ['I wanted to cut tonight but I used my crisis plan and called the crisis team instead.'],
    ['Had really strong urges to hurt myself, rang Samaritans and they helped.'],
    ['I want to hurt myself so I am ringing my sister like my safety plan says.'],
    // figures of speech
    ['This heat is killing me.'],
    ["I'm dying to see the new film."],
    ['I nearly died laughing at group today.'],
    ["I'd rather die than go to that party."],
    ['I want to dye my hair purple.'],
    ["Gonna end it with him tonight, he's been awful."],
    ['I cut myself shaving this morning, ouch.'],
    ['I burned myself on the oven making tea.'],
    ["I'm going to kill it at my interview tomorrow."],
    // quoting or recommending the crisis line
    ['If you feel like ending it, ring Samaritans on 116 123, they are brilliant.'],
    ['The crisis line said "if you want to die, call us back any time".'],
    // feelings
    ['I feel like a burden to everyone.'],
    ['I feel hopeless today.'],
    ['Feeling suicidal again, going to talk to my keyworker tomorrow.'],
    ['I have been having suicidal thoughts but no plans.'],
    ["What's the point of anything."],
    ['Sometimes I wish I could just disappear for a while.'],
    ['I wish I had the courage to ask her out.'],
    ['I need the strength to keep going.'],
    ["I don't know if I want to die or live."],
    ['I have a 10 month old son and I love him so much.'],
    ['I wish I had never been born.'],
    // supporting others, and asking on someone else's behalf
    ["Please don't hurt yourself, we are all here for you."],
    ["Please don't kill yourself, ring the crisis line."],
    ['How do I help a friend who wants to kill himself?'],
    ['My friend said she wants to die, what should I do?'],
    ['Is it normal to want to die sometimes?'],
    // suppositions
    ['If I ever wanted to kill myself I would tell my care coordinator.'],
  ])('%j', (text) => {
    expect(verdict(text)).toMatchObject({ outcome: 'publish', category: null });
  });
});

describe('accounts of self-harm: recent or ongoing acts are held, history is not', () => {
  it.each([
    ['Last night I cut my arms again, pretty deep this time.', 'has just happened'],
    ['I cut again last night.', 'has just happened'],
    ['Scratched my wrists with a razor in the bathroom at work today.', 'has just happened'],
    ['I relapsed and cut my thighs.', 'has just happened'],
    ["I've been burning myself every night this week.", 'going on'],
    ['i self harm when things get bad', 'going on'],
    ['I broke my 65 day streak. Cutting again.', 'relapse'],
    ['Took 30 paracetamol earlier, feeling sick.', 'overdose'],
    ['i tried to hang myself yesterday', 'suicide attempt'],
    ['Yesterday I was going to take all my pills but my dog stopped me.', 'stopped'],
    ['I almost killed myself last night.', 'stopped'],
    ['I tried cutting myself but the knife was blunt.', 'has just happened'],
  ])('%j is held (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('hold');
    expect(v.category).toBe('self-harm-account');
    expect(v.reasons).toContain(reason);
  });

  it.each([
    ['When I first came to the community I used to cut a lot. It has been eight months now.'],
    ['I tried to kill myself years ago and I am glad I am still here.'],
    ["I've tried to kill myself twice before."],
    ['My friend showed me she has been cutting.'],
    ['I hurt myself at the gym yesterday, my back is killing me.'],
    ['I did not cut last night even though I wanted to.'],
    ['He made the teeth that I swallowed.'],
  ])('%j is published', (text) => {
    expect(verdict(text).outcome).toBe('publish');
  });
});

describe('long, lower-case, unpunctuated posts are read sentence by sentence', () => {
  it('finds the one sentence that matters in a long post and quotes only it', () => {
    const filler = 'work was long and the bus was late again and my manager was on at me about the rota. '.repeat(40);
    const text = `${filler}honestly im done i dont want to be alive anymore. ${filler}`;
    const result = checkText(text);
    expect(result.outcome).toBe('check-in');
    expect(result.findings[0].matched).toBe('i dont want to be alive anymore');
  });

  it('reads a run-on post without full stops', () => {
    const text = 'cant sleep again mum shouted at me all night and i just want to die i cant do this';
    expect(checkText(text).findings[0]).toMatchObject({
      category: 'self-harm-thoughts',
      matched: 'i just want to die',
    });
  });
});

describe('hard thoughts without intent, plan or time are published and put in front of the Top 3 to check in', () => {
  it.each([
    ['I want to die.', 'a wish to die'],
    ['i just wanna die', 'a wish to die'],
    ["I don't want to be alive anymore.", 'no wish to go on living'],
    ["Don't want to live anymore.", 'no wish to go on living'],
    ['I wish I was dead.', 'a wish to be dead'],
    ['Every night I hope I don’t wake up.', 'a wish to die'],
    ['All I want is to die.', 'a wish to die'],
    ["I don't know why I want to die.", 'a wish to die'],
    ['I went to sleep last night wishing to never wake up again.', 'a wish to die'],
    ['I want it to end right now.', 'a wish'],
    ['I wish I had the courage to end it.', 'a wish to end their life'],
  ])('%j is checked in (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('check-in');
    expect(v.category).toBe('self-harm-thoughts');
    expect(v.reasons).toContain(reason);
  });

  it('a check-in post is still held when it also says when or how', () => {
    const v = verdict("I want to die. I've saved up my tablets and tonight's the night.");
    expect(v.outcome).toBe('hold');
    expect(v.category).toBe('imminent-harm-self');
  });
});
