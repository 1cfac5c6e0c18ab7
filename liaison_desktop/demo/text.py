"""Wording for demo notes, referrals, actions and strengths, written as a good FLO writes.

Strengths-based and factual: what was seen and said, what the family is already doing, what
happens next and who does it. Families are partners, never "hard to reach". Placeholders are
filled by the generator: {carer}, {child}, {child2}, {org}, {school}, {day}, {agency},
{size}, and pronouns for the carer: {they} {them} {their} with verbs {have} {need}.
"""

from __future__ import annotations

# Sentences are data here: one per line reads better than wrapped fragments.
# ruff: noqa: E501

# fmt: off
OPENINGS: dict[str, tuple[str, ...]] = {
    "home_visit": (
        "Home visit to {carer} as arranged.",
        "Visited {carer} at home on {day}; {child} was at school.",
        "Home visit. {carer} welcomed me in and made tea.",
        "Planned home visit with {carer}; {child2} was home with a cold.",
        "Visited the family at home after school so {child} could join in.",
        "Home visit to catch up on how things have been since we last met.",
    ),
    "phone_call": (
        "Phoned {carer} to follow up our last conversation.",
        "{carer} rang school and asked to speak to me.",
        "Phone call with {carer} (interpreter on the line for part of the call).",
        "Returned {carer}'s call from {day}.",
        "Quick call to {carer} to check how the week has gone.",
        "Called {carer} as agreed at the last visit.",
    ),
    "meeting": (
        "Met {carer} in the family room at {school}.",
        "Meeting at {school} with {carer} and {child}'s class teacher.",
        "{carer} came in after drop-off and we talked in the family room.",
        "Met {carer} at the coffee morning at {school}.",
        "Meeting with {carer} and the SENCo to talk about {child}.",
    ),
    "taf": (
        "Team around the family review at {school}. Present: {carer}, {agency}, class teacher, FLO.",
        "TAF meeting held at {school} with {carer}; {agency} joined by video.",
        "Team around the family meeting. {carer} chaired the first part and set the agenda.",
        "TAF review. Everyone in the plan attended, including {agency}.",
    ),
    "general": (
        "Email from {agency} about the family.",
        "Update for the record.",
        "Spoke to {child}'s class teacher about the week.",
        "Message from {carer} by text.",
    ),
}

THEMES: dict[str, tuple[str, ...]] = {
    "food": (
        "{carer} said money has been very tight since the change in benefits and the cupboards were low.",
        "{carer} has been skipping meals so the children can eat; {they} asked about the food bank.",
        "The family have been using {org}, which {carer} says has made a real difference.",
        "{child} has been coming to breakfast club every day this week and is more settled in class.",
        "{carer} is a confident cook and would like to help at the community café.",
        "Talked through free school meals; {carer} was not sure the family were registered.",
    ),
    "uniform": (
        "{child} has outgrown their school shoes and has been wearing trainers.",
        "{carer} asked for help with PE kit; {child} has been missing PE because of it.",
        "{org} had a full set of uniform in {child}'s size.",
        "{carer} mentioned the cost of the new blazer for secondary school is worrying {them}.",
    ),
    "housing": (
        "There is black mould in the children's bedroom and the window does not close properly.",
        "{carer} has reported the damp to the landlord twice with no reply.",
        "The family have been told their private tenancy will end in two months.",
        "The flat is warm and tidy; {carer} has worked hard to make it a home.",
        "{carer} has filled in the housing register form with my help and has the reference number.",
    ),
    "energy": (
        "The family are on a prepayment meter and ran out of credit twice this month.",
        "{carer} has been heating one room only; the children do homework there.",
        "{org} have offered a fuel voucher and a home energy check.",
        "{carer} has switched to the cheaper tariff the energy adviser recommended.",
    ),
    "attendance": (
        "{child}'s attendance this term is below 90%; most absences are Monday mornings.",
        "{carer} explained that {child} has struggled to get up since the clocks changed.",
        "{child} is anxious about coming into class; a soft start at 8:40 has helped.",
        "{child} has had full attendance for the last three weeks — a real achievement.",
        "The bus fare is a barrier on days {carer} works early; we talked about a bus pass.",
    ),
    "wellbeing": (
        "{carer} said {they} {have} been feeling low and not sleeping; {their} GP appointment is on {day}.",
        "{child} has been tearful at school and says they worry about {carer}.",
        "{carer} has started going to the parent group at {org} and enjoys it.",
        "{child} talks warmly about their grandad and the football club.",
        "{carer} spoke openly about the last few months and is proud of how the children are doing.",
    ),
    "send": (
        "{child} is waiting for an autism assessment; the SENCo has shared strategies that work in class.",
        "{carer} knows {child} best and shared what helps at home: visual timetable, quiet space.",
        "The EHCP application has gone in; {carer} has a copy of all the reports.",
        "{child} finds transitions hard; a transition booklet for secondary is being made.",
    ),
    "esol": (
        "{carer} would like to improve {their} English and asked about classes.",
        "{carer} has started at {org} and says {their} confidence is growing.",
        "Used the interpreter line for the key points; {carer} understood and agreed the plan.",
        "{child} often interprets for {carer}; we agreed that school will book an interpreter instead.",
    ),
    "baby": (
        "The new baby is doing well; the health visitor has seen them twice.",
        "{carer} needs a cot and a pram; the family are using a borrowed Moses basket.",
        "{org} have nappies and formula ready to collect on Tuesday.",
        "{carer} is tired but coping, and the older children are helping proudly.",
    ),
    "furniture": (
        "The children are sharing one bed; {carer} asked about help with beds.",
        "The family moved into an unfurnished flat with no fridge or cooker.",
        "{org} can deliver two beds and a table next week.",
    ),
    "money": (
        "{carer} has rent arrears and is worried about letters from the council.",
        "Did a quick benefits check together; the family may be entitled to more help with childcare.",
        "{carer} has an appointment with {org} for debt advice on {day}.",
    ),
    "positive": (
        "{child} got a star of the week certificate and brought it home proudly.",
        "{carer} is keen to volunteer on the school trip next month.",
        "The children have joined {org} and talk about it all the time.",
        "{carer} has kept every appointment this term and stays in touch with school.",
        "Grandparents are a great help with the school run.",
    ),
}

NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "food": (
        "Next: food bank voucher issued; I will check in on {day} to see how the parcel lasted.",
        "Next: help {carer} apply for free school meals and the holiday food programme.",
        "Agreed: {carer} will collect from {org} on Friday; I will phone {them} after.",
    ),
    "uniform": (
        "Next: referral to {org} for shoes and PE kit.",
        "Agreed: I will bring the uniform to the next visit.",
    ),
    "housing": (
        "Next: I will email the housing officer with photos {carer} agreed to share.",
        "Agreed: {carer} will keep a diary of the damp; we will review at the next TAF.",
        "Next: referral to {org} for tenancy advice, with {carer}'s consent.",
    ),
    "energy": (
        "Next: fuel voucher referral to {org} sent today.",
        "Agreed: energy adviser to visit; {carer} will have the latest bills ready.",
    ),
    "attendance": (
        "Agreed: attendance support plan with a morning check-in; review in four weeks.",
        "Next: share the bus pass scheme form with {carer}.",
        "Next: speak with the attendance officer about a soft-start timetable.",
    ),
    "wellbeing": (
        "Next: with {carer}'s agreement, referral to {org} for parent wellbeing support.",
        "Agreed: {child} will have a trusted adult check-in each morning.",
        "Next: ask the school nurse to see {child} at the Tuesday drop-in.",
    ),
    "send": (
        "Next: SENCo to invite {carer} to the SEN support review.",
        "Agreed: share the one-page profile {carer} wrote with the new teacher.",
    ),
    "esol": (
        "Next: book an interpreter for the parents' evening.",
        "Agreed: I will walk over to {org} with {carer} for the first session.",
    ),
    "baby": (
        "Next: referral to {org} for a cot, pram and nappies.",
        "Agreed: health visitor to call {carer} this week.",
    ),
    "furniture": (
        "Next: referral to {org} for beds and a fridge.",
    ),
    "money": (
        "Next: {carer} will bring the letters to {org}; I have booked the slot.",
    ),
    "positive": (
        "Next: share the good news with the class teacher.",
        "No actions needed; next check-in in four weeks.",
    ),
}

CLOSINGS: tuple[str, ...] = (
    "{carer} was open and thoughtful throughout.",
    "The children were happy, chatty and proud to show me their drawings.",
    "{carer} knows what {they} {need} and asked for it clearly.",
    "The family have strong support from friends at {org}.",
    "",
    "",
    "",
)

STRENGTHS: tuple[str, ...] = (
    "{carer} is a warm, attentive parent; the children clearly adore {them}.",
    "Strong links with {org}, where the family are well known and welcomed.",
    "Grandparents live nearby and help with the school run.",
    "{child} loves football and never misses training.",
    "The family are open with school and keep in touch.",
    "{carer} is resourceful and great at making a little go a long way.",
    "{child} is kind to younger pupils and a reading buddy in Reception.",
    "{carer} speaks three languages and has offered to help other parents.",
    "The children are close and look out for one another.",
    "{carer} has kept the family going through a very hard year.",
    "{child} is a talented artist; work shown in the school's exhibition.",
    "The home is calm and well organised, with clear routines.",
)

VISIT_PURPOSES: dict[str, tuple[str, ...]] = {
    "food": ("Check in after the food bank referral", "Drop off holiday club forms"),
    "uniform": ("Bring uniform and PE kit", "Fit school shoes"),
    "housing": ("Look at the damp and take photos for the housing officer",
                "Help with the housing register form"),
    "energy": ("Energy advice follow-up", "Bring fuel voucher"),
    "attendance": ("Attendance support plan review", "Morning routine support visit"),
    "wellbeing": ("Wellbeing check-in", "Catch up after the GP appointment"),
    "send": ("Talk through the EHCP draft", "Plan transition to secondary"),
    "esol": ("Walk to the ESOL café together", "Go through letters with an interpreter"),
    "baby": ("New baby visit", "Deliver baby bank items"),
    "furniture": ("Check the furniture delivery arrived", "Measure rooms for beds"),
    "money": ("Benefits check", "Go through the arrears letters"),
    "positive": ("Termly catch-up", "Welcome visit"),
}

REFERRAL_REASONS: dict[str, tuple[str, ...]] = {
    "food_bank": (
        "Universal Credit payment delayed; no food in the house until payday.",
        "Family of {size} on a low income after reduced hours at work.",
        "Emergency parcel while the benefits change goes through.",
    ),
    "clothing_bank": ("Winter coats and shoes for the children.", "Clothes for a new arrival."),
    "school_uniform": (
        "Full uniform and PE kit for {child} starting in September.",
        "School shoes; current pair worn through.",
    ),
    "baby_bank": ("Cot, pram and newborn bundle.", "Nappies and formula for the baby."),
    "holiday_food": (
        "Holiday activities and food for {child} over the summer.",
        "Easter holiday club places for the children.",
    ),
    "energy_fuel": (
        "Prepayment meter out of credit; fuel voucher requested.",
        "Energy debt and a broken boiler; advice and a grant application.",
    ),
    "furniture": ("Beds for two children sharing one mattress.", "Fridge and cooker for a new flat."),
    "other": ("Bus pass to support attendance.", "Wash-and-dry vouchers for school uniform."),
}

REFERRAL_OUTCOMES: dict[str, tuple[str, ...]] = {
    "fulfilled": ("Collected by {carer}; {they} thanked the volunteers.",
                  "Delivered to the family.", "Received in full."),
    "declined": ("Outside the service's area; signposted to another provider.",
                 "Limit reached this period; will re-refer next month."),
    "withdrawn": ("{carer} found help elsewhere and asked to withdraw.",
                  "No longer needed after the benefits backdated payment."),
    "accepted": ("Accepted; collection booked.",),
}

# Actions agreed at a visit, and case-plan goals (goal, target, outcomes-wheel area).
VISIT_ACTIONS = (
    "Phone the family to rebook the visit",
    "Send the food bank voucher by post",
    "Ask the class teacher how the week went",
    "Check the uniform grant application was received",
)
PLAN_GOALS: tuple[tuple[str, str, str], ...] = (
    ("Attendance back above 90%", "Above 90% for half a term", "school"),
    ("Rent arrears under control", "A payment plan agreed with the landlord", "home_money"),
    ("Regular morning routine", "Children at the gate by 8:50 four days a week", "routines"),
    ("Enough food in the house every week", "No food bank referral needed for a month", "food"),
    ("Mum linked to a parents' group", "Attends the Tuesday group twice", "community"),
    ("Bedtimes settled", "Lights out by 8pm on school nights", "routines"),
)
ACTIONS: dict[str, tuple[str, ...]] = {
    "food": ("Check free school meals registration", "Follow up food bank collection"),
    "uniform": ("Bring PE kit to school for {child}",),
    "housing": ("Chase housing officer about the damp repair", "Send photos to Demoford Homes"),
    "energy": ("Phone the energy adviser about the voucher",),
    "attendance": ("Review attendance support plan", "Send bus pass form to {carer}"),
    "wellbeing": ("Ask school nurse to see {child}", "Book TAF review"),
    "send": ("Invite {carer} to SEN support review",),
    "esol": ("Book interpreter for parents' evening",),
    "baby": ("Collect baby bank items on Tuesday",),
    "furniture": ("Confirm furniture delivery date",),
    "money": ("Book Citizens Advice appointment",),
    "positive": ("Share good news with class teacher",),
}

ALERTS: tuple[str, ...] = (
    "Friendly dog at the property; {carer} is happy to keep it in the garden during visits.",
    "Please knock at the side door; the front doorbell does not work.",
    "{carer} works nights on weekdays; visits after 11:00 only.",
    "Use the interpreter line for calls; {carer} prefers that to texting in English.",
)
# fmt: on
