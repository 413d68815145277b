"""The datasets this app publishes, read through the domain apps' selectors. Only public,
impersonal facts: no author, no text a resident wrote, no address, points on the ~100 m grid."""

from django.utils.translation import gettext_lazy as _

from veche.budgeting.selectors import public_voting_results
from veche.core.opendata import Column, Dataset, coarse_point, register_dataset
from veche.ideas.selectors import public_ideas
from veche.polls.selectors import published_results, results
from veche.reports.selectors import public_reports

LAT = Column("lat", "number", _("Latitude, rounded to about 100 m"))
LON = Column("lon", "number", _("Longitude, rounded to about 100 m"))


def report_rows():
    fields = (
        "pk",
        "created_at",
        "municipality__name",
        "topic__category__name",
        "topic__name",
        "status",
        "agency__name",
        "answered_at",
        "support_count",
        "lat",
        "lon",
    )
    for row in public_reports().order_by("pk").values(*fields).iterator():
        lat, lon = coarse_point(row["lat"], row["lon"])
        yield {
            "id": row["pk"],
            "filed": row["created_at"].date().isoformat(),
            "municipality": row["municipality__name"],
            "category": row["topic__category__name"],
            "topic": row["topic__name"],
            "status": row["status"],
            "agency": row["agency__name"] or "",
            "answered": row["answered_at"].date().isoformat() if row["answered_at"] else "",
            "supports": row["support_count"],
            "lat": lat,
            "lon": lon,
        }


def idea_rows():
    fields = (
        "pk",
        "created_at",
        "title",
        "municipality__name",
        "category__name",
        "status",
        "support_count",
        "lat",
        "lon",
    )
    for row in public_ideas().order_by("pk").values(*fields).iterator():
        lat, lon = coarse_point(row["lat"], row["lon"])
        yield {
            "id": row["pk"],
            "filed": row["created_at"].date().isoformat(),
            "title": row["title"],
            "municipality": row["municipality__name"] or "",
            "category": row["category__name"] or "",
            "status": row["status"],
            "supports": row["support_count"],
            "lat": lat,
            "lon": lon,
        }


def poll_result_rows():
    for poll in published_results():
        for result in results(poll):
            for row in result.rows:
                yield {
                    "poll": poll.pk,
                    "poll_title": poll.title,
                    "municipality": poll.municipality.name if poll.municipality else "",
                    "question": result.question.text,
                    "option": str(row.label),
                    "answers": row.count,
                    "share": round(row.share, 4),
                    "question_answered": result.answered,
                }


def contest_result_rows():
    for contest, results_of_contest in public_voting_results():
        for row in results_of_contest.rows:
            tally = row["tally"]
            yield {
                "contest": contest.pk,
                "contest_title": contest.title,
                "municipality": contest.municipality.name if contest.municipality else "",
                "project": tally.application.title,
                "cost": tally.cost,
                "votes": tally.votes,
                "paper_votes": tally.paper_votes,
                "won": row["won"],
            }


def register() -> None:
    register_dataset(
        Dataset(
            slug="reports",
            title=_("Problem reports"),
            description=_(
                "Published reports about problems: where (to about 100 m), what, in which "
                "status and who answers. No author, no text, no address, no photos."
            ),
            columns=(
                Column("id", "integer", _("Report number on the portal")),
                Column("filed", "date", _("Date filed")),
                Column("municipality", "string", _("Municipality")),
                Column("category", "string", _("Category")),
                Column("topic", "string", _("Topic")),
                Column("status", "string", _("Status code")),
                Column("agency", "string", _("Agency that answers")),
                Column("answered", "date", _("Date of the answer, empty if none")),
                Column("supports", "integer", _("Residents who supported the report")),
                LAT,
                LON,
            ),
            rows=report_rows,
            point=("lat", "lon"),
            order=10,
        )
    )
    register_dataset(
        Dataset(
            slug="ideas",
            title=_("Ideas"),
            description=_(
                "Published ideas of residents: title, place (to about 100 m), status and "
                "supports. No author and no text."
            ),
            columns=(
                Column("id", "integer", _("Idea number on the portal")),
                Column("filed", "date", _("Date filed")),
                Column("title", "string", _("Title")),
                Column("municipality", "string", _("Municipality")),
                Column("category", "string", _("Category")),
                Column("status", "string", _("Status code")),
                Column("supports", "integer", _("Residents who supported the idea")),
                LAT,
                LON,
            ),
            rows=idea_rows,
            point=("lat", "lon"),
            order=20,
        )
    )
    register_dataset(
        Dataset(
            slug="poll-results",
            title=_("Poll results"),
            description=_(
                "Counts of answers per option in polls whose results are published. No "
                "ballots and no free-text answers."
            ),
            columns=(
                Column("poll", "integer", _("Poll number on the portal")),
                Column("poll_title", "string", _("Poll")),
                Column("municipality", "string", _("Municipality, empty for the region")),
                Column("question", "string", _("Question")),
                Column("option", "string", _("Option")),
                Column("answers", "integer", _("Answers that chose the option")),
                Column("share", "number", _("Share of the question's answers, 0 to 1")),
                Column("question_answered", "integer", _("Ballots that answered the question")),
            ),
            rows=poll_result_rows,
            order=30,
        )
    )
    register_dataset(
        Dataset(
            slug="contest-results",
            title=_("Initiative budgeting: voting results"),
            description=_(
                "Votes for each project on the ballot of contests whose public voting is "
                "over, and whether it won. No voters and no applicants."
            ),
            columns=(
                Column("contest", "integer", _("Contest number on the portal")),
                Column("contest_title", "string", _("Contest")),
                Column("municipality", "string", _("Municipality, empty for the region")),
                Column("project", "string", _("Project")),
                Column("cost", "number", _("Cost, roubles")),
                Column("votes", "integer", _("Votes, online and on paper")),
                Column("paper_votes", "integer", _("Votes on paper")),
                Column("won", "boolean", _("Won")),
            ),
            rows=contest_result_rows,
            order=40,
        )
    )
