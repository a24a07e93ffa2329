import { oneOf } from './patterns';

/**
 * Shared vocabulary, as regex sources over canonical text (lower case, contractions spelled
 * out: "don't" is "do not", "im" is "i am", "gonna" is "going to").
 */

/** Words that can sit between "i" and the verb without changing who acts or whether they mean it. */
export const FILLER = `(?:${oneOf(`
  am | have | has | had | been | do | does | will | would | just | really | honestly | seriously | literally |
  genuinely | truly | still | so | actually | definitely | finally | probably | totally | fucking | fkn | kinda |
  kind of | sort of | also | even | simply | only | now | then | think | know | guess | swear | promise | am sure |
  sure | that | i | absolutely | certainly | already | legit | lowkey | low key | high key | highkey | very |
  badly | desperately | ever | feel like | feel | want so badly | honestly just | pretty sure | almost certainly |
  100 % | 100 | literally just | most likely | likely | going to finally | tbh | deadass | def | defo | mean | legitimately |
  (?!(?:hardly|barely|rarely|scarcely|seldom|only|family|early|ugly|holy|silly|lonely|belly|bully|rally|reply|supply|apply)\\b)[a-z]+ly
`)} ){0,8}`;

/** Time words that turn intent into a plan: "tonight", "after prom", "on my birthday", "in a few hours". */
export const TIME = oneOf(`
  tonight | today | tomorrow | tomorrow night | tomorrow morning | right now | now | soon | very soon | shortly |
  this morning | this afternoon | this evening | this weekend | this week | this month | this year | this time |
  next week | next month | next year | sooner or later | (?:next|this coming) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend) | this friday | this saturday | this sunday | this monday | this tuesday |
  this wednesday | this thursday | on friday | on saturday | on sunday | on monday | on tuesday | on wednesday |
  on thursday | friday | saturday | sunday | monday | tuesday | wednesday | thursday |
  (?:in|within) (?:a|an|the next|\\d+|a few|few|two|three|four|five|six|a couple of|a couple) (?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?) |
  (?:after|once|as soon as) (?:everyone|everybody|they|he|she|i|my \\S+|the \\S+)(?: (?:is|are|has|have|gets?|goes|go|leaves?|falls?))?(?: (?:asleep|gone|home|out|to bed|to sleep|left|off))? |
  when (?:everyone|everybody|they|he|she|i|my \\S+|the \\S+) (?:is|are|has|have|gets?|goes|go|leaves?|falls?|am|get) (?:asleep|gone|home|out|to bed|to sleep|left|off|back|alone) |
  after (?:prom|christmas|exams|work|school|tonight|this|dark|my birthday|the weekend) | when it gets dark | on my birthday | before my birthday | by (?:the end of|next|tomorrow|tonight|friday|saturday|sunday|monday|my birthday|the weekend|christmas|new year) |
  at midnight | before (?:christmas|the end of|i turn|my birthday|new year) | on the \\d+(?:st|nd|rd|th)? | the \\d+(?:st|nd|rd|th) |
  in the morning | later today | later tonight | end of the (?:week|month|year) | by the end of the (?:week|month|year)
`);

/** Words that place an act in the past someone has moved on from. */
export const DISTANT_PAST = oneOf(`
  used to | years ago | (?:a|one|two|three|four|five|six|seven|eight|nine|ten|\\d+|a few|few|several|many|couple of|a couple of) (?:years|yrs|months) ago |
  when i was (?:a|in|at|still|younger|little|young|small|\\d+|a kid|a child|a teen|a teenager|growing up) | as a (?:kid|child|teen|teenager) |
  in the past | back then | back in | back when | in (?:19|20)\\d\\d | (?:at|around|aged|age) (?:the age of )?\\d{1,2}(?! (?:am|pm|hours|minutes|mins|days|pills|tablets|times|o clock))\\b |
  last year | (?:years|months) (?:clean|free|without) | (?:\\d+|a few|few|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:months|years) (?:clean|free|now|without|since) |
  it has been (?:\\S+ ){0,2}(?:months|years) | in (?:high|middle|secondary|primary) school |
  first came | before i (?:came|joined|started|found) | previously | history of | in my teens | teenage years | my old (?:self|life)
`);

/** Words that make an act recent or ongoing. */
export const RECENT = oneOf(`
  again | last night | tonight | today | yesterday | this morning | this afternoon | this evening | this week | just now |
  (?:an|a few|\\d+|two|few|couple of|a couple of) (?:hours|minutes|mins|hrs|days) ago | earlier | right now | this past (?:week|weekend) |
  last week | the other (?:day|night) | relapsed | broke | recently | fresh | at the moment | currently |
  still (?:cut|cutting|self harm|self harming|hurt|hurting|harm|harming|burn|burning|do it|doing it|bleeding)
`);

/** Using a crisis plan, reaching out, riding an urge out: not a breach. */
export const COPING = oneOf(`
  crisis plan | safety plan | my plan worked | (?:rang|called|phoned|texted|messaged|rung|ring|call|text|phone|contacted|reached out to|talked to|spoke to|speaking to|talking to) (?:the |my |a )?(?:crisis|samaritans|helpline|hotline|111|999|sister|brother|mum|dad|friend|partner|therapist|care coordinator|keyworker|key worker|cpn|gp|support worker|team|shout|nurse|husband|wife|girlfriend|boyfriend) |
  instead | distracted myself | distraction | got through it | urge passed | urges passed | rode it out | did not act on it | held off | resisted | sat with it | ice cube | ice cubes |
  went for a walk | used my skills | dbt skills | coping skills
`);

/** Body parts named in self-harm. */
export const BODY = oneOf(`
  wrists? | arms? | forearms? | legs? | thighs? | stomach | belly | skin | face | ankles? | hands? | hips? | chest | shins? |
  shoulders? | neck | throat | body | fingers? | feet | foot | knees? | calves | sides? | upper arms? | inner arms? | waist
`);

/** Ways to take an overdose or hurt oneself that people name when preparing. */
export const MEANS = oneOf(`
  pills | tablets | paracetamol | painkillers | pain killers | sleeping pills | sleeping tablets | antidepressants | meds |
  medication | medications | insulin | a rope | rope | a noose | noose | a gun | gun | guns | a handgun | handgun | a pistol | pistol | a revolver |
  revolver | a shotgun | shotgun | a rifle | rifle | a firearm | bullets | razor blades | razors | a razor | razor | blades |
  a blade | a knife | knives | charcoal | helium | a belt | poison | bleach | antifreeze | anti freeze | a ladder | exit bag |
  xanax | benzos | oxy | opioids | sn | sodium nitrite | nitrite | heroin | fentanyl | tylenol | ibuprofen | aspirin | co codamol | codeine | amitriptyline |
  sertraline | quetiapine | propranolol | lithium
`);

/** People a threat can be aimed at: "that nurse", "my ex", "the staff". */
export const PERSON_NOUN = oneOf(`
  nurse | nurses | doctor | doctors | staff | teacher | teachers | guy | man | woman | girl | boy | lad | lads | bloke | kid | kids |
  bitch | bastard | cunt | prick | twat | dick | wanker | neighbour | neighbours | neighbor | neighbors | bully | bullies | person |
  people | police | cop | cops | manager | boss | landlord | landlady | worker | workers | member | members | idiot | idiots |
  abuser | rapist | paedo | pedo | dealer | ex | family | fucker | fuckers | guys | girls | women | men | officer | security |
  receptionist | psychiatrist | therapist | social worker | driver | lot | one | ones | group | classmates | coworker | co worker
`);

export const FAMILY_NOUN = oneOf(`
  dad | father | mum | mother | stepdad | step dad | stepmum | step mum | ex | ex boyfriend | ex girlfriend | ex husband |
  ex wife | boss | manager | brother | sister | neighbour | neighbor | landlord | teacher | bully | bullies | abuser | partner |
  husband | wife | boyfriend | girlfriend | son | daughter | uncle | aunt | auntie | cousin | nan | gran | grandad | grandpa |
  grandma | stepfather | stepmother | housemate | flatmate | roommate | coworker | colleague | colleagues | parents | family |
  brothers | sisters | care coordinator | key worker | keyworker | therapist | psychiatrist | social worker
`);
