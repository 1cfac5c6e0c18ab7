"""Hypothesis strategies for valid `liaison-desktop/1` documents, already in canonical form.

Canonical means what the vault gives back: phone numbers in E.164, postcodes upper-case with
one space, text without surrounding blanks, and the fields the services' rules imply present
(a done action has its done date, a withdrawn consent its withdrawal date). Importing such a
document and exporting it again must give back exactly the same document.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from liaison_desktop.domain import vocabulary as v
from liaison_desktop.domain.fields import upn_check_letter

# Names from the families our officers serve: Welsh, Polish, Vietnamese, Arabic, Somali, …
GIVEN = [
    "Siân",
    "Llŷr",
    "Gwenllïan",
    "Dafydd",
    "Zofia",
    "Małgorzata",
    "Łukasz",
    "Wojciech",
    "Nguyễn Thị",
    "Phương",
    "Đức",
    "محمد",
    "فاطمة",
    "Aisha",
    "Chidi",
    "Oluwaseun",
    "Zoë",
    "Seán",
]
FAMILY = [
    "ap Rhys",
    "Llywelyn",
    "Wiśniewska",
    "Żółkiewski",
    "Nguyễn",
    "Trần",
    "Phạm",
    "الحسيني",
    "Abdi",
    "O'Connor",
    "Okafor",
    "Smith-Jones",
]
POSTCODES = ["CF10 1AA", "SW1A 1AA", "M1 1AE", "B33 8TH", "LL57 2DG", "EH1 1YZ"]
PHONES = [f"+4477009001{n:02d}" for n in range(0, 100, 7)]
WORDS = [
    "visit",
    "rent",
    "uniform",
    "food",
    "school",
    "breakfast club",
    "grandad",
    "bwyd",
    "szkoła",
    "trường học",
    "مدرسة",
    "Ŵyn",
    "café",
]

names = st.sampled_from(GIVEN)
surnames = st.sampled_from(FAMILY)
short_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
long_text = st.lists(short_text, min_size=1, max_size=3).map("\n".join)
days = st.dates(min_value=date(2001, 1, 1), max_value=date(2024, 12, 31))
moments = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2024, 12, 31)).map(
    lambda d: d.replace(microsecond=0).isoformat()
)
upns = st.tuples(st.integers(0, 10**11 - 1), st.sampled_from("ABC9")).map(
    lambda t: upn_check_letter(f"{t[0]:011d}{t[1]}") + f"{t[0]:011d}{t[1]}"
)


def _put(obj: dict[str, Any], key: str, value: Any) -> None:
    """Add a key only when it has a value: empty values are absent in this format."""
    if value is not None and value != []:
        obj[key] = value


class _Ids:
    """Unique ids per document (sometimes ugly ones: the format allows any non-blank text)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, kind: str) -> str:
        self.n += 1
        return f"{kind}-{self.n}" if self.n % 3 else f"{kind} #{self.n} ✓"


@st.composite
def contacts(draw: st.DrawFn, ids: _Ids) -> dict[str, Any]:
    c: dict[str, Any] = {
        "id": ids("contact"),
        "organisation": draw(short_text),
        "kind": draw(st.sampled_from(v.CONTACT_KINDS)),
        "layer": draw(st.integers(1, 4)),
    }
    _put(c, "name", draw(st.none() | st.builds(lambda a, b: f"{a} {b}", names, surnames)))
    _put(c, "role", draw(st.none() | short_text))
    _put(c, "service_offered", draw(st.none() | long_text))
    _put(c, "opening_times", draw(st.none() | st.just("Mon–Fri 9:00–17:00")))
    _put(c, "phone", draw(st.none() | st.sampled_from(PHONES)))
    _put(c, "secure_email", draw(st.none() | st.just("team@council.gcsx.gov.uk")))
    return c


@st.composite
def families(draw: st.DrawFn, ids: _Ids, contact_ids: list[str]) -> dict[str, Any]:
    fid = ids("family")
    fam: dict[str, Any] = {"id": fid, "name": draw(surnames) + " family"}
    _put(fam, "address", draw(st.none() | long_text))
    _put(fam, "postcode", draw(st.none() | st.sampled_from(POSTCODES)))
    _put(fam, "phone", draw(st.none() | st.sampled_from(PHONES)))
    _put(fam, "strengths", draw(st.none() | long_text))
    _put(fam, "needs", draw(st.lists(st.sampled_from(WORDS), unique=True, max_size=3)))

    members = []
    for _i in range(draw(st.integers(1, 3))):
        m: dict[str, Any] = {
            "id": ids("person"),
            "given_name": draw(names),
            "role": draw(st.sampled_from(v.PERSON_ROLES)),
        }
        _put(m, "family_name", draw(st.none() | surnames))
        _put(m, "date_of_birth", draw(st.none() | days.map(date.isoformat)))
        if m["role"] == "pupil":
            _put(m, "year_group", draw(st.none() | st.integers(-1, 14)))
            _put(m, "upn", draw(st.none() | upns))
        _put(m, "languages", draw(st.lists(st.sampled_from(["cy", "pl", "vi", "ar"]), unique=True)))
        _put(m, "interpreter_needed", draw(st.none() | st.booleans()))
        _put(m, "phone", draw(st.none() | st.sampled_from(PHONES)))
        members.append(m)
    fam["members"] = members
    person_ids = [m["id"] for m in members]

    visits = []
    for _i in range(draw(st.integers(0, 2))):
        vis: dict[str, Any] = {
            "id": ids("visit"),
            "date": draw(days).isoformat(),
            "status": draw(st.sampled_from(v.VISIT_STATUSES)),
        }
        _put(vis, "purpose", draw(st.none() | short_text))
        _put(vis, "officer", draw(st.none() | names))
        visits.append(vis)
    fam["visits"] = visits
    visit_ids = [x["id"] for x in visits]

    notes: list[dict[str, Any]] = []
    for _i in range(draw(st.integers(0, 4))):
        status = draw(st.sampled_from(v.NOTE_STATUSES))
        written = draw(moments)
        n: dict[str, Any] = {"id": ids("note")}
        finals = [x["id"] for x in notes if x["status"] == "final"]
        if finals and draw(st.booleans()):
            n["amends"] = draw(st.sampled_from(finals))
        if visit_ids and draw(st.booleans()):
            n["visit_id"] = draw(st.sampled_from(visit_ids))
        n.update({"written_at": written, "author": draw(names)})
        _put(n, "template", draw(st.none() | st.sampled_from(v.NOTE_TEMPLATES)))
        _put(n, "text", draw(st.none() | long_text))
        n["status"] = status
        if status == "final":
            n["finalised_at"] = written
        notes.append(n)
    fam["notes"] = notes

    referrals = []
    for _i in range(draw(st.integers(0, 2))):
        made = draw(days)
        r: dict[str, Any] = {"id": ids("referral")}
        if draw(st.booleans()):
            r["person_id"] = draw(st.sampled_from(person_ids))
        r["kind"] = draw(st.sampled_from(v.REFERRAL_KINDS))
        if contact_ids and draw(st.booleans()):
            r["organisation_id"] = draw(st.sampled_from(contact_ids))
        r["status"] = draw(st.sampled_from(v.REFERRAL_STATUSES))
        r["date"] = made.isoformat()
        _put(r, "reason", draw(st.none() | long_text))
        _put(r, "vouchers", draw(st.none() | st.integers(0, 5)))
        _put(r, "outcome", draw(st.none() | short_text))
        if r["status"] != "draft":
            r["status_changed_at"] = (made + timedelta(days=draw(st.integers(0, 30)))).isoformat()
        referrals.append(r)
    fam["referrals"] = referrals

    actions = []
    for _i in range(draw(st.integers(0, 2))):
        a: dict[str, Any] = {"id": ids("action"), "title": draw(short_text)}
        _put(a, "owner", draw(st.none() | names))
        _put(a, "due", draw(st.none() | days.map(date.isoformat)))
        done = draw(st.booleans())
        a["done"] = done
        if done:
            a["done_at"] = draw(days).isoformat()
        actions.append(a)
    fam["actions"] = actions

    consents = []
    for _i in range(draw(st.integers(0, 2))):
        given = draw(days)
        c: dict[str, Any] = {"id": ids("consent")}
        if draw(st.booleans()):
            c["person_id"] = draw(st.sampled_from(person_ids))
        c["scope"] = draw(short_text)
        c["given_by"] = draw(names)
        _put(c, "lawful_basis", draw(st.none() | st.sampled_from(v.LAWFUL_BASES)))
        status = draw(st.sampled_from(v.CONSENT_STATUSES))
        c["status"] = status
        c["date"] = given.isoformat()
        if status == "withdrawn":
            c["withdrawn_on"] = (given + timedelta(days=draw(st.integers(0, 90)))).isoformat()
        if draw(st.booleans()):
            c["expires"] = (given + timedelta(days=draw(st.integers(0, 800)))).isoformat()
        consents.append(c)
    fam["consents"] = consents

    links = []
    for contact_id in draw(
        st.lists(st.sampled_from(contact_ids), unique=True, max_size=2)
        if contact_ids
        else st.just([])
    ):
        link: dict[str, Any] = {"id": ids("link"), "contact_id": contact_id}
        _put(link, "role", draw(st.none() | short_text))
        links.append(link)
    fam["case_links"] = links

    concerns = []
    for _i in range(draw(st.integers(0, 1))):
        k: dict[str, Any] = {"id": ids("concern")}
        if visit_ids and draw(st.booleans()):
            k["source"], k["source_id"] = "visit", draw(st.sampled_from(visit_ids))
        else:
            k["source"] = "other"
        k.update(
            {
                "raised_at": draw(moments),
                "raised_by": draw(names),
                "observed": draw(long_text),
                "urgency": draw(st.sampled_from(v.CONCERN_URGENCIES)),
            }
        )
        additions = []
        for _j in range(draw(st.integers(0, 2))):
            add: dict[str, Any] = {
                "id": ids("addition"),
                "written_at": draw(moments),
                "author": draw(names),
                "text": draw(long_text),
            }
            _put(add, "acknowledged", draw(st.none() | st.booleans()))
            additions.append(add)
        k["additions"] = additions
        concerns.append(k)
    fam["concerns"] = concerns

    attendance = []
    pupils = [m["id"] for m in members if m["role"] == "pupil"]
    for pupil in pupils[:1]:
        possible = draw(st.integers(0, 190))
        attendance.append(
            {
                "id": ids("attendance"),
                "person_id": pupil,
                "period": "2024 autumn",
                "sessions_possible": possible,
                "sessions_attended": draw(st.integers(0, possible)),
            }
        )
    fam["attendance"] = attendance
    return fam


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid, canonical interchange document with a few families and contacts."""
    ids = _Ids()
    contact_list = [draw(contacts(ids)) for _i in range(draw(st.integers(0, 3)))]
    contact_ids = [c["id"] for c in contact_list]
    family_list = [draw(families(ids, contact_ids)) for _i in range(draw(st.integers(1, 3)))]
    return {"format": "liaison-desktop/1", "families": family_list, "contacts": contact_list}


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every list of records in id order (order carries no meaning), and
    empty lists left out (an absent list is an empty one)."""

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: norm(x) for k, x in sorted(value.items()) if x != []}
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            return sorted((norm(x) for x in value), key=lambda x: str(x.get("id")))
        if isinstance(value, list):
            return [norm(x) for x in value]
        return value

    result: dict[str, Any] = norm(document)
    return result
