"""Questions an imported leaflet probably does not answer, for its pack's not-covered.txt.

Patients recovering at home ask about the same everyday things whatever the leaflet (baths, diet,
other medicines, travel, money, visiting). Each of these is kept for a leaflet only when one of its
words (any but the smallest) never appears in the leaflet: a leaflet that talks about bathing keeps
"Can I have a bath?" out of the list, so it is answered from the leaflet instead.
"""

from __future__ import annotations

import re

from assistant.vocabulary import STOP

GENERIC = (
    "Can I have a bath?", "Can I go swimming?", "Is there a special diet I should follow?",
    "Can I take ibuprofen or aspirin with my tablets?", "Can I fly or go on holiday abroad?",
    "When can I have sex again?", "What are my chances of survival?", "How much will it cost?",
    "Can I claim benefits or sick pay?", "Can I claim Carer's Allowance?", "Where can I park at the hospital?",
    "What are the visiting hours?", "What is the weather going to be like?",
    "What's on the telly tonight?", "Who won the football?", "When is the next bus?",
    "Tell me a joke.", "What time is it?", "What is the name of my surgeon?",
    "Will I lose my hair?", "Can I get pregnant afterwards?", "When can I go back to work?",
    "Can I play golf or go to the gym?", "Can I ride my bike?", "Can I get a tattoo?",
    "How do I get a repeat prescription?", "How do I look after my dog or cat while I recover?",
    "Can the dog or cat sleep on the bed with me?",
    "What do my blood test results mean?", "How long is the waiting list?",
    "Can I keep taking my usual tablets, like my blood pressure or diabetes medicine?",
    "Can I take herbal remedies or vitamins?", "Should I stop my blood thinners, such as warfarin?",
    "Can I have the flu jab or a covid booster?", "Can I eat spicy food, curry or a takeaway?",
    "Are cheese, eggs and fatty foods all right to eat?", "Can I fast for Ramadan or Lent?",
    "Do I take out my hearing aid, glasses or false teeth for the operation?",
    "What is the hospital food like?", "Is this information in other languages or in large print?",
    "Can I have an interpreter, or staff who speak my language?",
    "Should I make a will or a power of attorney?", "I'm allergic to latex or plasters: what happens?",
    "Do I need to tell my dentist about the operation?", "Can I get hospital transport or a blue badge?",
    "How many of these operations has my surgeon done?",
    # Everyday questions after any operation, as patients put them (session 13). Left out after
    # measuring: scar, hip, pub or church, guide dog and "heal faster" took in-scope questions.
    "Can I have a shower?", "What should I eat and what should I avoid?", "Will the cancer come back?",
    # Said with "how many years" and "life expectancy", words this leaflet never uses, so it is kept
    # for it: "How long have I got to live?" was dropped, every word of it being the leaflet's.
    "How many years will I live, what is my life expectancy?",
    "Will chemotherapy make me sick?", "Can I catch hepatitis?",
    "Can I breastfeed while I'm on these medicines?", "Could I get a hernia from the cut?",
    "Can I sleep on my side, or do I have to lie flat on my back?", "How do other organs like the kidney heal?",
    "Which hospital is best for this operation?", "What should I do about constipation?",
    "Can I take indigestion medicine, like Gaviscon, with my painkillers?",
    "Do I stop my diabetes tablets, like metformin, on the morning of the operation?",
    "Can I take weight-loss injections, like Ozempic?", "What is my GP surgery's phone number?",
    "Will my travel or car insurance cover me?",
    # Blind sets AR and AS (session 19): vaping, a grant from the charity, sleeping face down, paying
    # for an ambulance. Not cannabis: "weed" and "marijuana" took "can I do a bit of weeding?".
    "Is vaping safe, can I use a vape?",
    "Can I get a grant from Macmillan to help with the rent or the gas bill?", "Can I sleep on my front or my tummy?",
    "Do I have to pay for an ambulance?",
)

def _asked_words(question: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", question.lower()))
    # Everyday words count too: "Can I sleep on my side?" is about sleep, a common word, and a leaflet
    # that never says "sleep" does not answer it. Measured in session 15 on the 41 sets with the seed
    # imported: out-of-scope questions refused 87.23 -> 88.60%, answers 85.19 -> 85.07% (5 lost, 15
    # refusals gained: sleeping positions, the best hospital, the GP's number, the surgeon's record).
    return {w for w in words if w not in STOP and len(w) > 2}


def _mentions(text: str, word: str) -> bool:
    # "bath" is mentioned by "bath" or "bathing", not by "bathroom" alone being a different topic.
    # A silent e goes before -ing and -ed: "come" is mentioned by "coming", "live" by "living".
    forms = rf"{re.escape(word)}(?:s|es|ing|ed)?" + (rf"|{re.escape(word[:-1])}(?:ing|ed)" if word.endswith("e") else "")
    return re.search(rf"\b(?:{forms})\b", text) is not None


def not_covered_for(leaflet_text: str) -> tuple[str, ...]:
    """The generic questions whose topic the leaflet never mentions."""
    text = leaflet_text.lower()
    return tuple(q for q in GENERIC if any(not _mentions(text, w) for w in _asked_words(q)))
