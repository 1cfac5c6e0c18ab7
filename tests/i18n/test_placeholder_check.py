"""A translation whose placeholders differ from its source is rejected by the build check and
never used at run time (English shows instead), as in Electrum's i18n."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.i18n import CheckedTranslations, placeholders, same_placeholders
from tools.i18n_check import check_catalogue, main

from .catalogues import SOURCES

PLURAL = ("{n} family", "{n} families")


def _catalogue(entries: dict[object, object], fuzzy: set[str] | None = None) -> Catalog:
    catalog = Catalog(locale="cy")
    for msgid, msgstr in entries.items():
        flags = {"fuzzy"} if fuzzy and msgid in fuzzy else set()
        catalog.add(msgid, msgstr, flags=flags)  # type: ignore[arg-type]
    return catalog


def _write_po(path: Path, catalog: Catalog) -> Path:
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


def _checked(catalog: Catalog) -> CheckedTranslations:
    """The runtime catalogue for `catalog`, compiled without the build's check (as a
    hand-made or older .mo could be)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return CheckedTranslations(buffer)


WRONG_PLACEHOLDERS = {
    "Saved to {path}.": "Wedi'i chadw yn {llwybr}.",  # renamed: KeyError at .format()
    "Created {date}.": "Crëwyd.",  # dropped: the date would be lost
    "{n} minutes": "{n} munud {extra}",  # added
    "Hello {name}": "Helo {name",  # unbalanced brace: ValueError at .format()
    "{percent:.1f}% in": "{percent}% yn",  # the format spec differs
    "%s files": "ffeiliau",  # %-style placeholder dropped
}
# Only the build check refuses these: a lost mnemonic cannot break `.format()`.
LOST_MNEMONIC = {"&Lock": "Cloi"}
BROKEN = {**WRONG_PLACEHOLDERS, **LOST_MNEMONIC}


def test_every_shipped_catalogue_passes_the_check() -> None:
    po_files = sorted(SOURCES.glob("*.po"))
    assert po_files, "no .po catalogue found"
    for po in po_files:
        assert check_catalogue(po) == [], po.name


def test_a_catalogue_with_differing_placeholders_is_rejected(tmp_path: Path) -> None:
    po = _write_po(tmp_path / "cy.po", _catalogue({**BROKEN, "Unlock": "Datgloi"}))
    problems = check_catalogue(po)
    assert sorted(p.msgid for p in problems) == sorted(BROKEN)
    locale_dir = tmp_path / "locale"
    assert main([str(po), "--compile", "-o", str(locale_dir)]) == 1
    assert not locale_dir.exists()  # nothing is compiled from a rejected catalogue


def test_a_wrong_plural_form_is_rejected_and_a_singular_without_n_is_not(
    tmp_path: Path,
) -> None:
    # English "one day" has no {n}; a form may leave it out as the English singular does.
    good = _catalogue({("one day", "{n} days"): ("un diwrnod", "{n} diwrnod")})
    assert check_catalogue(_write_po(tmp_path / "good.po", good)) == []
    bad = _catalogue({PLURAL: ("{n} teulu", "{nifer} teulu")})
    problems = check_catalogue(_write_po(tmp_path / "bad.po", bad))
    assert [p.msgid for p in problems] == [PLURAL[0]]


def test_fuzzy_and_empty_entries_are_allowed(tmp_path: Path) -> None:
    catalog = _catalogue(
        {"Saved to {path}.": "Wedi'i chadw yn {llwybr}.", "Created {date}.": ""},
        fuzzy={"Saved to {path}."},
    )
    po = _write_po(tmp_path / "cy.po", catalog)
    assert check_catalogue(po) == []
    assert main([str(po), "--compile", "-o", str(tmp_path / "locale")]) == 0
    mo = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "liaison.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # The fuzzy guess is left out of the compiled catalogue: English shows.
    assert compiled.gettext("Saved to {path}.") == "Saved to {path}."


def test_an_unreadable_catalogue_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    po = tmp_path / "cy.po"
    po.write_text('msgid "Unlock"\nmsgstr "Datgloi"\nnot a keyword\n', encoding="utf-8")
    assert len(check_catalogue(po)) == 1


def test_runtime_shows_english_for_an_entry_whose_placeholders_differ() -> None:
    translations = _checked(_catalogue({**BROKEN, "Unlock": "Datgloi"}))
    assert translations.gettext("Unlock") == "Datgloi"
    for source in WRONG_PLACEHOLDERS:
        assert translations.gettext(source) == source
    # So formatting the result can never raise KeyError or lose a value.
    assert translations.gettext("Saved to {path}.").format(path="E:/") == "Saved to E:/."


def test_runtime_plural_falls_back_to_the_english_form() -> None:
    forms = ("{nifer} teulu", "{n} teulu", "{n} deulu", "{n} theulu", "{n} teulu")
    translations = _checked(_catalogue({PLURAL: forms}))
    # Welsh (as Babel writes it): form 0 for most counts, form 1 for one.
    assert translations.ngettext(*PLURAL, 1) == "{n} teulu"
    assert translations.ngettext(*PLURAL, 5) == "{n} families"
    assert translations.ngettext(*PLURAL, 5).format(n=5) == "5 families"


def test_percent_signs_in_prose_are_not_placeholders() -> None:
    assert placeholders("Pupils below 90% attendance") == frozenset()
    assert placeholders("{percent:.1f}% in {period}") == {"{percent:.1f}", "{period}"}
    assert placeholders("%(count)d of %s") == {"%(count)d", "%s"}
    assert placeholders("{{literal}} {x!r}") == {"{x!r}"}


NAMES = st.lists(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), max_size=4, unique=True)
WORDS = st.lists(st.sampled_from(["Mae", "y", "teulu", "ar", "gyfer", "·", "—"]), max_size=6)


@given(NAMES, WORDS, st.randoms(use_true_random=False))
def test_any_reordering_of_the_same_placeholders_is_accepted(
    names: list[str], words: list[str], rng: object
) -> None:
    source = " ".join(["Source"] + ["{" + n + "}" for n in names])
    parts = words + ["{" + n + "}" for n in names]
    rng.shuffle(parts)  # type: ignore[attr-defined]
    translated = " ".join(parts)
    assert same_placeholders(translated, source)


@given(NAMES.filter(bool), st.data())
def test_dropping_or_renaming_any_placeholder_is_refused(
    names: list[str], data: st.DataObject
) -> None:
    source = "Source " + " ".join("{" + n + "}" for n in names)
    victim = data.draw(st.sampled_from(names))
    dropped = source.replace("{" + victim + "}", "")
    renamed = source.replace("{" + victim + "}", "{" + victim + "_cy}")
    assert not same_placeholders(dropped, source)
    assert not same_placeholders(renamed, source)
