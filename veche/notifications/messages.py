"""What a user is told, ready to deliver: words as specs (text.py) so each reader reads them in
his language, a link on the site, and the subject it is about. Domain apps build these; the
notifications app only carries them."""

from dataclasses import asdict, dataclass, field

from django.db import models

from .text import Spec, render, render_lines
from .tokens import SCOPE_DIGEST, SCOPE_EMAIL


@dataclass(frozen=True)
class Section:
    """A titled list of links, e.g. the overdue reports of a digest."""

    title: Spec
    items: list[tuple[Spec, str]] = field(default_factory=list)  # (text, site path)
    more: int = 0  # items left out of a long list


@dataclass(frozen=True)
class Message:
    """`title` is also the e-mail subject; `text` its lines; `link` a site path.

    `unsubscribe` names what a one-click unsubscribe from this message ends (tokens.py); a digest
    (SCOPE_DIGEST) is a letter only.
    """

    kind: str
    title: Spec
    text: list[Spec] = field(default_factory=list)
    link: str = ""
    subject_type: str = ""
    subject_id: str = ""
    unsubscribe: str = SCOPE_EMAIL
    sections: list[Section] = field(default_factory=list)
    reason: Spec = ""  # why he gets it, for the letter's footer; a generic line when empty

    @property
    def is_digest(self) -> bool:
        return self.unsubscribe == SCOPE_DIGEST

    def title_text(self) -> str:
        return " ".join(render(self.title).split())  # one line, whatever the title held

    def body_text(self) -> str:
        return render_lines(self.text)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Message":
        sections = [
            Section(s["title"], [tuple(item) for item in s["items"]], s.get("more", 0))
            for s in data.get("sections", [])
        ]
        return cls(**{**data, "sections": sections})


def subject(obj: models.Model | None) -> dict:
    """The subject fields of a message about `obj`: ("reports.report", "12")."""
    if obj is None:
        return {}
    return {"subject_type": obj._meta.label_lower, "subject_id": str(obj.pk)}


@dataclass(frozen=True)
class Notice:
    """One message on its way to one user: what a channel's send() receives."""

    user: object
    message: Message

    def rendered(self) -> tuple[str, str]:
        """(title, text) in the recipient's language: what an SMS or a push carries."""
        from .selectors import language_for
        from .text import language

        with language(language_for(self.user)):
            return self.message.title_text(), self.message.body_text()
