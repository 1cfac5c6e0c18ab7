"""Names from many cultures for demo households, drawn from Faker where it has the locale.

A school community in England or Wales is rarely one culture. Faker 40 has no Welsh, Somali,
Urdu-in-Latin-script, Bengali-in-Latin-script, Arabic-in-Latin-script, Ukrainian-in-Latin-script,
Chinese-in-pinyin or Tigrinya names, so those come from the short curated lists below (names as
families in the UK commonly write them). Every pool is drawn once per seed, so the same seed
gives the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker


@dataclass(frozen=True)
class Culture:
    """One heritage in the demo community: where its names come from and what is spoken."""

    key: str
    weight: int
    languages: tuple[str, ...]  # the family's home languages, most used first
    faker_locale: str | None = None
    female: tuple[str, ...] = ()
    male: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    faith: str | None = None  # the faith-group kind its families most often link with
    english_fluent: float = 0.7  # share of carers who need no interpreter


# Name lists read best packed, not one per line.
# fmt: off
CULTURES: tuple[Culture, ...] = (
    Culture("british", 30, ("English",), "en_GB", english_fluent=1.0, faith="church"),
    Culture(
        "welsh",
        6,
        ("Welsh", "English"),
        female=(
            "Cerys", "Ffion", "Seren", "Carys", "Eira", "Angharad", "Bethan", "Catrin", "Elin",
            "Gwen", "Lowri", "Mali", "Megan", "Nia", "Rhiannon", "Sioned", "Siân", "Tegan",
            "Alaw", "Enfys", "Heledd", "Non", "Llinos", "Manon",
        ),
        male=(
            "Dafydd", "Rhys", "Gethin", "Iwan", "Owain", "Aled", "Cai", "Dylan", "Emyr",
            "Geraint", "Gruffudd", "Huw", "Ianto", "Llŷr", "Macsen", "Osian", "Steffan",
            "Tomos", "Wyn", "Elis", "Ifan", "Morgan", "Taliesin", "Deiniol",
        ),
        surnames=(
            "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis",
            "Morgan", "Griffiths", "Price", "Pritchard", "Rees", "Powell", "Parry", "Vaughan",
            "Llewellyn", "ap Rhys", "Bowen", "Prosser", "Jenkins", "Howells", "Gwynne",
            "Pugh", "Lloyd", "Meredith", "Owen", "Bevan",
        ),
        english_fluent=1.0,
        faith="church",
    ),
    Culture("irish", 3, ("English",), "en_IE", english_fluent=1.0, faith="church"),
    Culture("polish", 8, ("Polish", "English"), "pl_PL", english_fluent=0.6, faith="church"),
    Culture("romanian", 6, ("Romanian",), "ro_RO", english_fluent=0.5, faith="church"),
    Culture("portuguese", 4, ("Portuguese",), "pt_PT", english_fluent=0.6, faith="church"),
    Culture(
        "pakistani",
        8,
        ("Urdu", "Punjabi", "English"),
        female=(
            "Ayesha", "Fatima", "Maryam", "Zainab", "Hira", "Sana", "Iqra", "Khadija",
            "Amna", "Rabia", "Saima", "Nadia", "Farah", "Samina", "Mehwish", "Anum", "Zara",
            "Aleena", "Hafsa", "Noor", "Eman", "Alishba",
        ),
        male=(
            "Muhammad", "Ahmed", "Ali", "Hamza", "Bilal", "Usman", "Imran", "Tariq", "Zubair",
            "Faisal", "Asif", "Kamran", "Shahid", "Adeel", "Haris", "Zain", "Ibrahim",
            "Yusuf", "Rayyan", "Ayaan", "Musa", "Abdullah",
        ),
        surnames=(
            "Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Butt", "Malik",
            "Shah", "Rashid", "Qureshi", "Chaudhry", "Bashir", "Aslam", "Anwar", "Siddiqui",
            "Javed", "Nawaz", "Raza", "Sadiq", "Yousaf",
        ),
        english_fluent=0.7,
        faith="mosque",
    ),
    Culture(
        "bangladeshi",
        5,
        ("Bengali (Sylheti)", "English"),
        female=(
            "Nusrat", "Tahmina", "Shirin", "Rokeya", "Fahmida", "Jannat", "Sumaiya", "Tania",
            "Farzana", "Sharmin", "Rupa", "Ruksana", "Mim", "Anika", "Ishrat", "Lamia",
        ),
        male=(
            "Abdul", "Rahim", "Karim", "Jamal", "Shahin", "Rafiq", "Sohel", "Mizanur",
            "Anwar", "Habib", "Sabbir", "Tanvir", "Arif", "Nayeem", "Rayhan", "Ishfaq",
        ),
        surnames=(
            "Begum", "Miah", "Uddin", "Rahman", "Islam", "Hoque", "Ahmed", "Choudhury",
            "Khatun", "Ali", "Hossain", "Alam", "Chowdhury", "Sarkar", "Mia", "Karim",
        ),
        english_fluent=0.6,
        faith="mosque",
    ),
    Culture("indian", 4, ("Gujarati", "Punjabi", "English"), "en_IN", english_fluent=0.85),
    Culture("yoruba", 3, ("English", "Yoruba"), "yo_NG", english_fluent=1.0, faith="church"),
    Culture("igbo", 2, ("English", "Igbo"), "ig_NG", english_fluent=1.0, faith="church"),
    Culture("ghanaian", 2, ("English", "Twi"), "tw_GH", english_fluent=1.0, faith="church"),
    Culture(
        "somali",
        4,
        ("Somali",),
        female=(
            "Hodan", "Sahra", "Hibo", "Ifrah", "Amran", "Ubah", "Nimco", "Fadumo", "Hawa",
            "Maryan", "Deeqa", "Sagal", "Ayan", "Filsan", "Khadra", "Ladan",
        ),
        male=(
            "Abdirahman", "Abdi", "Mohamed", "Hassan", "Ahmed", "Yusuf", "Abdullahi",
            "Omar", "Mahad", "Liban", "Guled", "Warsame", "Ayanle", "Bashir", "Said", "Farah",
        ),
        surnames=(
            "Warsame", "Farah", "Abdi", "Hassan", "Osman", "Jama", "Ali", "Mohamed", "Nur",
            "Hersi", "Duale", "Egal", "Yusuf", "Ismail", "Adan", "Gedi",
        ),
        english_fluent=0.45,
        faith="mosque",
    ),
    Culture(
        "syrian",
        3,
        ("Arabic",),
        female=(
            "Rania", "Lina", "Huda", "Nour", "Reem", "Yasmin", "Dima", "Rasha", "Salma",
            "Amal", "Lama", "Mais", "Sidra", "Hala", "Layla", "Joud",
        ),
        male=(
            "Omar", "Khaled", "Ahmad", "Mahmoud", "Yazan", "Tarek", "Sami", "Bassel",
            "Firas", "Hadi", "Karim", "Rami", "Nabil", "Adnan", "Ziad", "Majd",
        ),
        surnames=(
            "Al-Hamwi", "Haddad", "Khoury", "Nasser", "Darwish", "Sabbagh", "Hamdan",
            "Al-Halabi", "Kassab", "Mansour", "Shami", "Zein", "Barakat", "Hijazi",
        ),
        english_fluent=0.35,
        faith="mosque",
    ),
    Culture("vietnamese", 2, ("Vietnamese",), "vi_VN", english_fluent=0.5),
    Culture(
        "ukrainian",
        3,
        ("Ukrainian", "Russian"),
        female=(
            "Olena", "Oksana", "Iryna", "Natalia", "Tetiana", "Yulia", "Svitlana", "Anastasiia",
            "Sofiia", "Viktoriia", "Daryna", "Khrystyna", "Mariia", "Zlata",
        ),
        male=(
            "Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Volodymyr", "Taras",
            "Bohdan", "Yurii", "Maksym", "Artem", "Denys", "Ivan", "Nazar",
        ),
        surnames=(
            "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
            "Boiko", "Oliinyk", "Lysenko", "Savchenko", "Rudenko", "Marchenko", "Polishchuk",
        ),
        english_fluent=0.4,
        faith="church",
    ),
    Culture(
        "lithuanian",
        2,
        ("Lithuanian", "English"),
        female=(
            "Rūta", "Ieva", "Agnė", "Eglė", "Greta", "Austėja", "Gabija", "Milda", "Vaiva",
            "Kotryna",
        ),
        male=(
            "Tomas", "Mantas", "Lukas", "Jonas", "Darius", "Vytautas", "Mindaugas", "Dovydas",
            "Matas", "Rokas",
        ),
        surnames=(
            "Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas",
            "Žukauskas", "Butkus", "Paulauskas", "Urbonas", "Kavaliauskas",
        ),
        english_fluent=0.7,
        faith="church",
    ),
    Culture(
        "chinese",
        2,
        ("Mandarin", "Cantonese", "English"),
        female=("Mei", "Xiu Ying", "Li Na", "Hui", "Jing", "Yan", "Ling", "Xin Yi", "Yu Xi"),
        male=("Wei", "Jun", "Hao", "Ming", "Jian", "Lei", "Tao", "Zi Hao", "Yu Chen"),
        surnames=("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wong", "Lam"),
        english_fluent=0.7,
    ),
    Culture(
        "eritrean",
        1,
        ("Tigrinya",),
        female=("Selam", "Helen", "Senait", "Saba", "Luwam", "Winta", "Eden", "Ruta", "Yohana"),
        male=("Yonas", "Dawit", "Robel", "Samuel", "Filmon", "Meron", "Natnael", "Tesfay"),
        surnames=("Tesfamariam", "Ghebreyesus", "Haile", "Kidane", "Berhane", "Tekle", "Woldu"),
        english_fluent=0.4,
        faith="church",
    ),
)
# fmt: on

_POOL_SIZE = 160


@dataclass(frozen=True)
class NamePool:
    """The names one culture contributes for a given seed."""

    culture: Culture
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]

    def surname_for(self, surname: str, female: bool) -> str:
        """The surname in the form a woman or girl would carry it (Polish -ski → -ska)."""
        if female and self.culture.key == "polish":
            for masculine, feminine in (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska")):
                if surname.endswith(masculine):
                    return surname[: -len(masculine)] + feminine
        return surname


def _faker_pool(locale: str, seed: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    fake = Faker(locale)
    fake.seed_instance(seed)

    def draw(fn: str) -> tuple[str, ...]:
        # Faker repeats popular names; keep first occurrences so a pool has no duplicates.
        seen: dict[str, None] = {}
        for _ in range(_POOL_SIZE):
            seen.setdefault(str(getattr(fake, fn)()), None)
        return tuple(seen)

    return draw("first_name_female"), draw("first_name_male"), draw("last_name")


def name_pools(seed: int) -> list[NamePool]:
    """One pool per culture, the same for the same seed."""
    pools = []
    for culture in CULTURES:
        if culture.faker_locale:
            female, male, surnames = _faker_pool(culture.faker_locale, seed)
        else:
            female, male, surnames = culture.female, culture.male, culture.surnames
        pools.append(NamePool(culture, female, male, surnames))
    return pools


def pick_pool(rng: random.Random, pools: list[NamePool]) -> NamePool:
    """A culture for one household, by the community's mix."""
    return rng.choices(pools, weights=[p.culture.weight for p in pools], k=1)[0]
