"""Everyday English words that carry no topic of their own.

A question word that no loaded leaflet uses is a sign the question is about something else
("can I have a *tattoo*?"), unless it is one of these conversational words ("is it *important*
to...", "*roughly* how long..."). Kept to general conversation, not to any one leaflet.
"""

COMMON_WORDS = frozenset("""
able about above absolutely actually add after afternoon again ago agree ahead all allow allowed
almost alone along already alright also although always amount another answer anxious any anybody
anyone anything anyway anywhere appointment around ask asked asking aunt away awful bad badly basically
be bear because become been before begin behind being believe best better between big bit bloke
both bother bothered bring brother busy but buy bye call came can cannot care careful carry case cause
certain certainly chance change check child children clear close come comes coming concern concerned
consider could couple course cousin currently dad daddy dear definitely did different do does doing
done dont double down during each early earlier easy either else end enough especially even evening
ever every everybody everyone everything exactly expect explain fact fair fairly family far fast feel
feeling felt few fine find finding finish finished first follow for forward friend from front full
gave general generally get gets getting give given glad go goes going gone good got gotten grand
grandad grandma granddaughter grandmother grandfather grandson granny great guess guy had half happen
happened happening happens hard has have having he hear heard hello help her here hers herself hey
him himself his honest honestly hope hopefully how however hubby husband idea if important
in indeed instead into is it its itself just keep kind kids kinda know known last late lately later
least leave less let like likely little long look looking lot lots love lovely made main make many
matter maybe me mean means meant mind mine minute moment more morning most mostly mother mum mummy
much must my myself name near nearly need needed needs never new next nice night no nobody none
normal normally not nothing now number of off often oh okay old on once one only onto or other others
ought our out over own partner people perhaps person place plan please point possible possibly pretty
probably problem proper properly put quick quickly quite rather really reason reckon remember right
roughly said same say saying says see seem seemed seems seen several shall she should since sister so
some somebody someone something sometimes somewhere son soon sorry sort start started still stuff such
suppose supposed sure take taken taking talk talking tell telling than thank thanks that the their
them themselves then there these they thing things think this those though thought through time times
to today together told tomorrow tonight too took totally true try trying turn twice uncle under
understand unless until up upon us use used usual usually very wait want wanted wants was way we
week weeks well went were what whatever when whenever where whether which while who whole whom whose
why wife will wish with within without wonder wondering word words work worried worry worrying worse
would wrong yeah year years yes yet you young your yours yourself
horrible terrible awful nasty uncomfortable annoying silly stupid weird strange funny odd
phone phoning ring rang computer laptop internet email law inlaw mate missus
places place thing things bits bit lot
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand first second third fourth fifth
half quarter dozen couple
monday tuesday wednesday thursday friday saturday sunday weekend fortnight yesterday
january february march april may june july august september october november december
aye nay och duw ee eh innit cor blimey crikey gosh golly bloody flipping blooming ruddy
lass lad lassie laddie bairn hen pet duck luv pal chuck flower darling sweetheart bab
handsome lovey petal hinny dearie ducky poppet
mam mammy da nan nana nanna gran granddad grandpa grampa gramps auntie missis wee
neighbour neighbours friends club mentioned mention wrote written list questions question mistake
fretting fret mither mithering bothering nervous scared frightened petrified
till til afore beforehand afterwards altogether anyhow somehow compared version sorts
folk folks fella fellow lady gentleman chap guys
ward wards bed beds lying lie laid lay sitting sit sat standing stand stood sleep slept asleep
wake woke waking awake house flat upstairs downstairs stairs indoors outside home room
kept keeping stay staying stayed booked booking letter letters rule ruled life lives living live
speak spoke spoken chat chatting poorly unwell ill rough grotty dreading dread terrified agony
quicker slower faster sooner longer shorter bigger smaller harder easier push pull
""".split()) | frozenset("""
accordingly additionally advise advised advisable appreciate appreciated apparently appropriate
approximately arise arises arising arrangement arrangements ascertain assist assistance assume
assuming aware circumstances clarify clarification commence concerning consequently considerable
correct correctly deem deemed describe detail details determine duration elaborate enquire enquiring
ensure entail entails essentially establish estimate evident exact expected extent furthermore
grateful hence indicate indicated inform informed inquire insofar instance intend intended likewise
merely moreover necessary necessarily nevertheless nonetheless notwithstanding obliged obtain
occasion occur occurs particular particularly permit permitted possibility precise precisely
presumably prior proceed process provide provided purpose purposes raise raised rationale reasonable
reasonably regard regarding relation relevant require required requires respect respectively
scheduled significant similar specific specifically stage subsequent subsequently sufficient
sufficiently supposing therefore thereafter thus typical typically uncertain undergo undergoing
whereby wherein whilst kindly outline explanation confirm confirmation ballpark guesstimate ish nah
yep nope cheeky nephew niece nephews nieces grandchild grandchildren stepdad stepmum stepfather
stepmother fiance fiancee client carer daughter father business
""".split()) | frozenset("""
attempt attempts attempted tried involve involves involved involving catch caught reach reached
insist insisted insists limit limits limited manage managed managing handle handled deal dealt
confess admit afraid coward simply accidentally accidental eventually finally completely entirely
fully mainly slightly hardly barely partly truly seriously literally bound unable slow slowly strong
stronger strength weak weaker huge tiny massive large length lengthy ages forever spell stretch job
task effort worth worthwhile hassle fuss trouble mess sense opinion view reply clue notion harm
harmful damage damaged safe safely danger dangerous serious unusual common rare ordinary regular
regularly below inside beside across bounce bouncing aid knife gap interval minded realise
realised guessing figure expecting happy unhappy upset cross keen fussed bothers meantime ready
prepare prepared sorted arrange arranged organise organised plenty tons hundreds whatsoever somewhat
entire regardless meanwhile otherwise besides rest remain remaining
immediately forgive hate lol session sessions perform performs performed procedure procedures
abstain refer refers referred referring term terms meaning called named
""".split()) | frozenset("""
excuse achieve achieved daft began begun nodded stubborn method methods cruel popping attend
attending approach realistically realistic refrain separate separately fancy fixed harsh hated
forget forgot forgotten forgetting aim conventional embarrassed embarrassing discuss discussed
convinced receive received recognise recognised insistent notice noticed random understood nonsense
banned direction curious due undertake permissible simple principal opportunity suggest suggested
apologies apologise hypothetically customarily customary forbid forbidden overall anymore
independent directly frequently proposed minimum maximum excessive produced missing sensible
originally continuous oneself asap complain complaining complains nag nagging useless hopeless
nightmare rubbish legit lowkey tbh christmas easter birthday month months
undertaken principally ordinarily recommend recommended recommendation resume resumed prejudice
maintain maintained frustrated frustrating ooh magic assuming assume presumably
""".split())
