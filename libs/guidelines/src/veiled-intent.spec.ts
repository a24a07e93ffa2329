import { checkText } from '.';
import { verdict } from './verdict.testing';

describe('intent said sideways is held, each family in several wordings', () => {
  it.each([
    // a wish for it all to end, with an expletive or "be over"
    ["I can't take it anymore. I just want it all to be over with.", 'a wish for their life to end'],
    ['Nobody cares. I just want it to freaking end.', 'a wish for their life to end'],
    ["I'm so depressed. I just want this to be over.", 'a wish for their life to end'],
    ["I'm so tired of everything. I need an end to it all.", 'a wish for their life to end'],
    // a date already set, the days counted
    ["I've had enough. Sunday is the day I set, and I'm at peace with it.", 'a time set'],
    ["I'm a burden to everyone. Tomorrow will be the night I chose.", 'a time set'],
    ['I feel hopeless. These are my last few days on this earth.', 'a time set'],
    ['I give up. I am spending my final two weeks on this earth with my dog.', 'a time set'],
    ["I'm worthless. I honestly don't see myself staying alive much longer.", 'a time set'],
    // goodbyes said in secret
    ['How do I tell my friends goodbye without making them suspicious?', 'a goodbye or final message'],
    ["I've been saying my goodbyes without anyone noticing.", 'a goodbye or final message'],
    // held back by one thing only
    ["I'm suicidal. The only thing holding me back is my little brother.", 'held back by one thing'],
    ['I want to die so badly, the only thing stopping me from doing it is my dog.', 'held back by one thing'],
    // wanting to do again the harm just told of
    ['I burned myself last night. I want to do it again.', 'an urge to hurt themselves again'],
    ['I cut my wrist yesterday and I have the urge to do it again tonight.', 'an urge to hurt themselves again'],
    // the note, in the future
    ["Suicide is all I think about. I'll say sorry to my mum in my note.", 'a goodbye or final message'],
    ["I've finished writing my note. Suicide is the only way out for me.", 'a goodbye or final message'],
    // let out of this world
    ["I'm so depressed. Please let me out of this existence.", 'a wish to die'],
    ["I'm hopeless. I'm getting ready to leave this miserable world.", 'a wish to die'],
    ['JUST LET ME OUT OF THIS WORLD', 'a wish to die'],
    // easier or better to do it, the place picked, the act after "and"
    ["I feel suicidal. It'd be simpler for me to just overdose.", 'as settled'],
    ["I'm suicidal. It's better to find my cat a new home and kill myself.", 'as settled'],
    ["I'm depressed. I found the perfect bridge to jump from.", 'a plan'],
    ["I'm suicidal. I know the right spot to hang myself.", 'a plan'],
    ['I want to walk to the bridge and throw myself off the bridge.', 'intent'],
    ['I want to pour petrol on my clothes and set myself on fire.', 'intent'],
    // do not stop me
    ["I'm going to kill myself. Please don't try to stop me.", 'intent'],
    ["I'm suicidal. I don't want anyone to stop me or offer advice.", 'intent to end their life'],
    // another attempt meant to work
    ["My first suicide attempt failed. I'll make sure I get it right this time.", 'another attempt'],
    ['I survived two overdoses, I pray it works this time.', 'another attempt'],
    // by my own hand, why wait, the only option left
    ['I feel worthless. I think I will most likely die by my own hand.', 'intent to end their life'],
    ["I'm a burden. I know I am going to die by suicide eventually.", 'intent to end their life'],
    ["I'm going to die alone anyway, so why wait for it to happen naturally?", 'as settled'],
    ['My only option left is suicide.', 'as settled'],
    ['The only thing left to try is ending my life.', 'as settled'],
    // assisted dying asked for, means bought, gone by a time
    ["I'm depressed. I applied for assisted suicide in Switzerland.", 'assisted dying'],
    ["I'm so hopeless, I'm just waiting till Dignitas answers me.", 'assisted dying'],
    ["I'm depressed. I've decided to order the nitrogen.", 'preparing the means'],
    ['I feel hopeless. Should I buy the rope today?', 'preparing the means'],
    ["I'm hopeless. I intend to be gone before Christmas.", 'timeframe'],
    // the life to be ended, named with an insult
    ['I want to end this miserable piece of shit called my life.', 'intent'],
    // a short defeat and an apology
    ['Lost the battle\n\nSorry everyone', 'a goodbye or final message'],
  ])('%j is held (%s)', (text, reason) => {
    const v = verdict(text);
    expect(v.outcome).toBe('hold');
    // An act told as it happens may be held as an account of self-harm rather than as intent.
    expect(['imminent-harm-self', 'self-harm-account']).toContain(v.category);
    expect(v.reasons).toContain(reason);
  });

  it('holds an overdose tried, told as it happens', () => {
    const v = verdict('I just cut and tried to take as many of my meds as I could. Can anyone talk?');
    expect(v.outcome).toBe('hold');
    expect(v.reasons).toContain('overdose');
  });

  it('names the rule and quotes the written words', () => {
    const text = "I've given up. Saturday is the day I set. I'm not sad anymore.";
    const [finding] = checkText(text).findings;
    expect(finding.rule).toBeTruthy();
    expect(finding.matched).toBe('Saturday is the day I set');
    expect(text.slice(finding.start, finding.end)).toBe(finding.matched);
  });
});

describe('their everyday twins are published', () => {
  it.each([
    // "it" and "this" that are something else
    ["I'm so depressed. I just want this week to be over."],
    ['I feel hopeless about this exam, I just want it to be over so I can sleep.'],
    ['I feel hopeless. I want this to end, this fight with my sister, I mean.'],
    ['I want the pain to stop. I feel hopeless.'],
    ['This heat is killing me, I just want it to end!'],
    ["I'm depressed. I want an end to this lockdown."],
    // dates, days and "much longer" about other things
    ['Saturday is the day I set for the party.'],
    ['Friday is the day I set aside for cleaning.'],
    ["In my last 15 days I've lost 5 pounds. I feel hopeless."],
    ['I feel hopeless about work. My last two weeks, I will work from home.'],
    ['Sunday is the day I set, see you all at the picnic!'],
    ['I feel hopeless, my last two weeks at work were awful.'],
    ["I don't see myself living in this city much longer, I feel hopeless about rent."],
    ["I don't think I'll last much longer in this job, I'm so depressed."],
    // goodbyes, questions and "stopping me" about everyday things
    ["I'm saying goodbye to my old flat today, I will miss it."],
    ['How do I make myself sleep? I feel hopeless.'],
    ["I'm depressed and the only thing stopping me from quitting my job is money. I'm dying of boredom."],
    ['The only thing keeping me alive is my cat. I think about suicide a lot.'],
    // "again" after things that are not self-harm, or said about the past
    ['I cut my hair last week and I want to do it again.'],
    ['I burned the toast this morning and I want to try that again tomorrow.'],
    ['I cut myself when I was 15. I never want to do that again.'],
    // notes, worlds, places and "and" that are everyday
    ['I feel hopeless. I put my shopping list in my note app.'],
    ["I want to leave this world a better place than I found it. I'm depressed."],
    ['I feel hopeless, I want to escape this world for a while with a good book.'],
    ["It'd be easier to kill myself than do this homework. Suicide prevention week was great."],
    ["I'm suicidal sometimes. It would be better to talk to my therapist and not kill myself."],
    ["I feel hopeless. What's the best place to jump off into the lake?"],
    ['I want to go home and play some games and kill myself laughing.'],
    ["I'm going to call him and end it. I'm so depressed."],
    ["I'm so depressed. I want to end this chapter of my life and move on."],
    ["Don't stop me now, I'm having such a good time! Suicide squad is on tonight."],
    ['I need to get more charcoal for the bbq. I feel hopeless about the weather.'],
    ['She wants to go home and kill herself, I am so worried.'],
    // negation, supposition, the past, and a crisis plan
    ["I'm not going to go home and hang myself, don't worry. I feel suicidal at times though."],
    ['If I wanted to go out and kill myself I would have already. I feel suicidal sometimes.'],
    ["I want to get better and not kill myself. I'm suicidal."],
    ["I used to want to douse myself in petrol and set myself on fire. I've been clean 3 years."],
    // stopping, hoping, dying and options about everyday things
    ["I'm suicidal and I don't want anyone to stop me from eating this whole cake lol."],
    ['Nobody can save me from this mess. I feel suicidal sometimes.'],
    ['I hope it works this time, the printer has failed twice.'],
    ['My phone died again. I hope it works this time.'],
    ["I'm depressed and I hope I succeed this time at my driving test. My last attempt failed."],
    ["I'm depressed, I think I will die by my own hand-made cake haha."],
    ['Saturday is the night I chose for the gig. I feel hopeless about tickets.'],
    ['I feel hopeless, I just want it all to be over so I can start fresh in my new job.'],
    ['My grandad died by his own hand, and I think about suicide.'],
    ["I'm suicidal. I'm not going to kill myself, I promise, the only option left is therapy."],
    ["I'm depressed. The only option left is to move out."],
    // debate, someone else, pests, camping, travel
    ['Assisted suicide should be legal in my country, I want to write an essay about euthanasia.'],
    ["My gran applied for assisted dying, I'm so depressed."],
    ["I'm depressed. I want to buy some poison for the rats in the garden."],
    ["I'm depressed. I'm going to buy a rope for climbing."],
    ["I'll be gone by the time you wake up, I'm off to the airport. I'm depressed."],
    ['I lost the battle with the cookies. Sorry!'],
    ['We lost the battle but won the war. Sorry for the late reply.'],
    ['I tried to take as many photos as I could.'],
  ])('%j is published', (text) => {
    expect(verdict(text).outcome).toBe('publish');
  });
});
