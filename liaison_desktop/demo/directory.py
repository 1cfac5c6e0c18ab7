"""The demo community directory: agencies and community assets in the four layers (DESIGN §1).

Every organisation is fictional, lives in the made-up town of Demoford and carries "(demo)" in
its name, so nobody mistakes it for a real service. Phone numbers are in Ofcom's ranges kept
for drama and email addresses use the reserved `.example` domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Asset:
    """One directory entry before it gets a contact person, phone and id."""

    organisation: str
    role: str
    kind: str  # a CONTACT_KINDS value
    layer: int
    service: str
    opening: str = ""
    topic: str = ""  # what the generator links it for: a need, a faith, an interest
    agency: bool = False  # a statutory agency: secure email, office address


MARK = " (demo)"

# fmt: off
ASSETS: tuple[Asset, ...] = (
    # Layer 1: pupils and staff.
    Asset("Demoford Primary School", "Special educational needs coordinator (SENCo)", "school", 1,
          "SEN support plans, EHCP applications, links with the educational psychologist.",
          "Mon–Fri 8:30–16:00", "send"),
    Asset("Demoford Primary School", "Designated safeguarding lead", "school", 1,
          "Safeguarding advice and referrals for pupils and staff.", "Mon–Fri 8:00–17:00",
          "safeguarding"),
    Asset("Northgate Academy", "Head of Year 8 (pastoral)", "school", 1,
          "Pastoral support, mentoring and timetable adjustments.", "Mon–Fri 8:15–16:30",
          "wellbeing"),
    Asset("Demoford Primary School", "Breakfast club lead", "school", 1,
          "Free breakfast club from 7:45 for any pupil; no referral needed.",
          "Mon–Fri 7:45–8:45", "food"),
    # Layer 2: multi-agency contacts, volunteers, after-school clubs.
    Asset("Demoford Children's Services", "Duty social worker", "social_care", 2,
          "Children's social care front door: advice, assessments and child protection.",
          "Mon–Fri 9:00–17:00; out of hours via the emergency duty team", "safeguarding",
          agency=True),
    Asset("Demoford Early Help Hub", "Early help coordinator", "early_help", 2,
          "Early help assessments, family support workers and parenting programmes.",
          "Mon–Fri 9:00–17:00", "early_help", agency=True),
    Asset("Demoford 0–19 Health Visiting Team", "Health visitor", "health", 2,
          "Health reviews for under-fives, feeding and sleep support, postnatal wellbeing.",
          "Mon–Fri 9:00–17:00", "baby", agency=True),
    Asset("Demoford School Nursing Service", "School nurse", "health", 2,
          "Drop-ins at school, continence, sleep, healthy weight and emotional health.",
          "Term time, Tue and Thu drop-ins", "health", agency=True),
    Asset("Demoford CAMHS", "Primary mental health worker", "mental_health", 2,
          "Child and adolescent mental health assessments and consultation for schools.",
          "Mon–Fri 9:00–17:00", "wellbeing", agency=True),
    Asset("Open Door Minds", "Family wellbeing practitioner", "mental_health", 2,
          "Free counselling and peer support for parents and young people.",
          "Mon–Sat 10:00–19:00", "wellbeing"),
    Asset("Demoford Homes", "Tenancy sustainment officer", "housing", 2,
          "Repairs, damp and mould, rent arrears advice and tenancy support.",
          "Mon–Fri 9:00–16:30", "housing", agency=True),
    Asset("Demoford Council Housing Options", "Housing options adviser", "housing", 2,
          "Homelessness prevention, temporary accommodation and housing applications.",
          "Mon–Fri 9:00–17:00", "housing", agency=True),
    Asset("Demoford Attendance Support Service", "Education welfare (attendance) officer",
          "attendance", 2, "Attendance support plans, home visits and school liaison.",
          "Mon–Fri 8:30–16:30", "attendance", agency=True),
    Asset("Demoford Neighbourhood Policing Team", "Police community support officer", "police",
          2, "Neighbourhood concerns, community safety and school drop-ins.",
          "Call 101; drop-in Wed 15:30 at the library", "safety", agency=True),
    Asset("Kids' Kitchen After-School Club", "Club coordinator", "volunteer", 2,
          "After-school club with a hot meal, homework help and games.",
          "Mon–Thu 15:15–17:30", "food"),
    Asset("Demoford Home-Start", "Volunteer coordinator", "volunteer", 2,
          "Trained volunteers visit families with young children weekly.",
          "Mon–Fri 9:30–15:30", "baby"),
    # Layer 3: organisations linked to the school.
    Asset("Brightwell Road Community Food Bank", "Food bank manager", "food_bank", 3,
          "Three-day emergency food parcels on a voucher; fuel top-up advice.",
          "Tue and Fri 10:00–13:00", "food"),
    Asset("St Anne's Pantry", "Pantry volunteer lead", "food_bank", 3,
          "Membership food pantry: £4 a week for a bag of groceries worth far more.",
          "Wed 12:00–15:00, Sat 10:00–12:00", "food"),
    Asset("Northgate Community Larder", "Larder coordinator", "food_bank", 3,
          "Surplus food and toiletries, no referral needed; halal and vegetarian options.",
          "Mon and Thu 14:00–16:00", "food"),
    Asset("Second Stitch Clothing Bank", "Clothing bank coordinator", "clothing_bank", 3,
          "Clothes and shoes for all ages, by referral.", "Thu 10:00–14:00", "uniform"),
    Asset("Demoford Uniform Exchange", "Uniform exchange volunteer", "clothing_bank", 3,
          "Pre-loved school uniform, PE kit and shoes for every local school.",
          "Last Saturday of the month, 10:00–12:00", "uniform"),
    Asset("Little Steps Baby Bank", "Baby bank coordinator", "baby_bank", 3,
          "Prams, cots, clothes, nappies and formula for families with babies.",
          "Tue 10:00–13:00", "baby"),
    Asset("Demoford Holiday Activities and Food", "HAF programme officer", "holiday_food", 3,
          "Free holiday clubs with a healthy meal for children on free school meals.",
          "Easter, summer and Christmas holidays", "food"),
    Asset("Warm Homes Demoford", "Energy adviser", "energy_fuel", 3,
          "Fuel vouchers, prepayment meter top-ups, energy debt and grant advice.",
          "Mon–Fri 9:00–17:00", "energy"),
    Asset("ReLove Furniture Project", "Furniture project coordinator", "furniture", 3,
          "Beds, sofas, white goods and kitchen packs, delivered, by referral.",
          "Mon–Fri 9:00–16:00", "furniture"),
    Asset("Demoford Central Mosque", "Community outreach coordinator", "faith_group", 3,
          "Women's group, Saturday school, food parcels and advice in Urdu, Arabic and Somali.",
          "Daily; office Mon–Fri 10:00–16:00", "mosque"),
    Asset("St Anne's Church", "Parish family worker", "faith_group", 3,
          "Toddler group, community café and a listening ear.", "Café Wed 10:00–13:00",
          "church"),
    Asset("Polish Catholic Mission of Our Lady", "Parish volunteer", "faith_group", 3,
          "Polish Saturday school, advice sessions and community events.", "Sat 9:30–13:00",
          "church"),
    Asset("Demoford Gurdwara", "Sewa coordinator", "faith_group", 3,
          "Langar (free community meal) daily and homework club.", "Langar daily 12:00–15:00",
          "gurdwara"),
    Asset("Demoford Hindu Temple", "Community volunteer", "faith_group", 3,
          "Festivals, yoga for families and a weekly food share.", "Sun 10:00–13:00",
          "temple"),
    Asset("Demoford Central Library", "Children's librarian", "library", 3,
          "Rhyme time, homework club, free computers and ESOL conversation café.",
          "Mon–Sat 9:00–18:00", "esol"),
    Asset("Northgate Library", "Community library assistant", "library", 3,
          "Baby bounce, reading challenge and digital help.", "Tue–Sat 10:00–17:00",
          "reading"),
    Asset("Foundry Lane Youth Club", "Senior youth worker", "youth", 3,
          "Open-access youth club, mentoring and trips for 11–18s.", "Mon, Wed, Fri 18:00–21:00",
          "youth"),
    Asset("Demoford Young Carers", "Young carers worker", "youth", 3,
          "Support and breaks for children who look after someone at home.",
          "Groups Tue 16:00–18:00", "young_carer"),
    Asset("Demoford Juniors FC", "Club welfare officer", "sports", 3,
          "Football for 5–16s; free kit and subs for families who need them.",
          "Sat mornings; training Wed 17:30", "sport"),
    Asset("Riverside Boxing Club", "Head coach", "sports", 3,
          "Non-contact boxing fitness for young people; free taster sessions.",
          "Tue and Thu 17:00–19:00", "sport"),
    Asset("Demoford Leisure Centre", "Community sport officer", "sports", 3,
          "Free swimming lessons and holiday sports camps for eligible families.",
          "Daily 7:00–21:00", "sport"),
    Asset("Demoford Museum and Art Gallery", "Learning officer", "museum", 3,
          "Free family trails, holiday workshops and school loans boxes.", "Tue–Sun 10:00–16:00",
          "culture"),
    Asset("Northgate Academy", "Transition lead (partner secondary)", "school", 3,
          "Year 6 to Year 7 transition visits and summer school.", "Mon–Fri 8:15–16:30",
          "transition"),
    Asset("Demoford ESOL Café", "Café organiser", "community_group", 3,
          "Informal English conversation for adults; crèche provided.", "Thu 9:30–11:30",
          "esol"),
    Asset("Demoford Citizens Advice", "Money adviser", "community_group", 3,
          "Benefits checks, debt advice and help with forms.", "Mon–Fri 9:30–16:00", "money"),
    # Layer 4: the wider local community.
    Asset("Corner Shop Community Fridge", "Shop owner", "business", 4,
          "Community fridge with free surplus food, no questions asked.", "Daily 7:00–22:00",
          "food"),
    Asset("Demoford Superstore", "Community champion", "business", 4,
          "Food donations, Christmas hampers and a meeting room for groups.",
          "Mon–Sat 8:00–22:00, Sun 10:00–16:00", "food"),
    Asset("Northgate Pharmacy", "Pharmacist", "business", 4,
          "Minor ailments advice, free emergency contraception, help with prescriptions.",
          "Mon–Sat 9:00–18:00", "health"),
    Asset("Demoford Bus Company", "Community partnerships manager", "transport", 4,
          "Free bus passes for pupils with low attendance linked to travel costs.",
          "Office Mon–Fri 9:00–17:00", "transport"),
    Asset("Demoford Community Transport", "Dial-a-ride coordinator", "transport", 4,
          "Door-to-door minibus for appointments and families without a car.",
          "Mon–Fri 8:00–18:00", "transport"),
    Asset("Hollins Park Residents' Association", "Chair", "community_group", 4,
          "Street events, litter picks and a welcome pack for new neighbours.",
          "Meets first Monday of the month, 19:00", "neighbours"),
    Asset("Foundry Lane Launderette", "Manager", "business", 4,
          "Free wash-and-dry vouchers through the school for families without a machine.",
          "Daily 8:00–20:00", "laundry"),
)
# fmt: on


def slug(text: str) -> str:
    """A lower-case address-safe form of an organisation name."""
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")
