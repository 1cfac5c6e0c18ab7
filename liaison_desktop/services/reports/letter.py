"""A letter or form for one family, from words the officer has seen and may have changed:
written as PDF and entered in the information-sharing record as sent to its recipient."""

from __future__ import annotations

from ...i18n import _
from ...reports.furniture import ProgressFn, report
from ...reports.letter import LetterPage, build_letter
from ..letters_service import LetterContent
from ..validation import ValidationFailed
from .common import BuiltReport, ReportOptions, ReportTools


def build(
    tools: ReportTools,
    family_id: str,
    letter: LetterContent,
    options: ReportOptions,
    progress: ProgressFn | None,
    *,
    previewing: bool = False,
) -> BuiltReport:
    """The letter's PDF and what the sharing record will say of it."""
    tools.check_options(options, previewing=previewing)
    if not letter.recipient.strip():
        raise ValidationFailed([("recipient", _("say who the letter is to"))])
    report(progress, "reading", 0.0)
    c = tools.caseload
    c.families.get(family_id)  # the family exists here (and this device may see it)
    sharing = tools.sharing(
        "letter",
        options,
        [family_id],
        _("{title} (template {key})").format(title=letter.title, key=letter.template_key),
        purpose="shared",
        default_recipient=letter.recipient,
        default_organisation=letter.organisation or _("The family"),
        default_basis="public_task",
    )
    page = LetterPage(
        school=c.ctx.setting("school_name", "") or _("The school"),
        day=c.ctx.today(),
        title=letter.title,
        recipient=letter.recipient,
        organisation=letter.organisation,
        address=letter.address,
        body=letter.body,
    )
    pdf = build_letter(page, tools.meta(letter.title), progress)
    return BuiltReport("letter", pdf, family_id=family_id, sharing=sharing)
