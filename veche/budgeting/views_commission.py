"""The expert commission's pages: the organizer's commission (members, assignments), a member's
list of applications to score with the score table, and the scoring form of one application
(a number and a comment per criterion; the conflict-of-interest declaration). Plain forms, no
JavaScript. Each post calls ONE service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.accounts.models import User

from . import scoring
from .commission_forms import AssignForm, ConflictForm, MemberForm, ScoreForm
from .models import Assignment, CommissionMember
from .selectors_voting import account_signals
from .services import commission as service
from .views import _contest
from .views_applications import _run


def _commission_page(
    request, contest, *, member_form=None, assign_form=None, status=200, candidate=None
):
    members = contest.commission.select_related("user")
    seated = scoring.commission(contest)
    jurors = [m for m in seated if m.role == CommissionMember.Role.JURY]
    signals = account_signals([m.user_id for m in jurors] + ([candidate.pk] if candidate else []))
    for member in jurors:
        member.signals = signals[member.user_id]
    context = {
        "contest": contest,
        "members": seated,
        "candidate_signals": signals[candidate.pk] if candidate else [],
        "member_form": member_form or MemberForm(),
        "assign_form": assign_form
        or AssignForm(members=members, applications=scoring.scored_applications(contest)),
        "table": scoring.score_table(contest),
        "applications": scoring.scored_applications(contest),
    }
    return render(request, "budgeting/commission.html", context, status=status)


def _organized(request, pk: int):
    contest = _contest(request, pk)
    if not request.user.has_perm("budgeting.manage_commission", contest):
        raise PermissionDenied(_("Only the contest's organizers form its expert commission."))
    return contest


@login_required
def commission_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organized(request, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        _run(
            request,
            form,
            lambda: service.member_add(
                user=request.user,
                contest=contest,
                person=person,
                role=form.cleaned_data["role"],
                signals_checked=form.cleaned_data["signals_checked"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The member is seated on the commission."))
            return redirect("budgeting:commission", pk=contest.pk)
        candidate = person if "signals_checked" in form.errors else None
        return _commission_page(request, contest, member_form=form, status=400, candidate=candidate)
    status = 400 if form.is_bound and form.errors else 200
    return _commission_page(request, contest, member_form=form, status=status)


@login_required
@require_POST
def commission_assign(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organized(request, pk)
    members = contest.commission.select_related("user")
    form = AssignForm(
        request.POST, members=members, applications=scoring.scored_applications(contest)
    )
    everything = "all" in request.POST
    if everything or form.is_valid():
        if everything:
            form = AssignForm(members=members, applications=scoring.scored_applications(contest))
        made = _run(
            request,
            form,
            lambda: service.assign(
                user=request.user,
                contest=contest,
                members=None if everything else list(form.cleaned_data["members"]),
                applications=None if everything else list(form.cleaned_data["applications"]),
            ),
        )
        if not form.errors:
            messages.success(request, _("New assignments: %(n)s.") % {"n": made})
            return redirect("budgeting:commission", pk=contest.pk)
    return _commission_page(request, contest, assign_form=form, status=400)


@login_required
@require_POST
def commission_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(CommissionMember, pk=pk)
    contest = _organized(request, member.contest_id)
    form = MemberForm()
    _run(request, form, lambda: service.member_remove(user=request.user, member=member))
    if form.errors:
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.success(request, _("The member is removed from the commission."))
    return redirect("budgeting:commission", pk=contest.pk)


@login_required
def scoring_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    if not request.user.has_perm("budgeting.view_scoring", contest):
        raise PermissionDenied(_("Only the contest's commission and organizers see its scores."))
    expert_count = len(scoring.expert_criteria(contest))
    assignments = scoring.my_assignments(request.user, contest)
    for assignment in assignments:
        assignment.scored = len(assignment.scores.all())
        assignment.complete = assignment.scored >= expert_count
    context = {
        "contest": contest,
        "assignments": assignments,
        "expert_count": expert_count,
        "can_score": request.user.has_perm("budgeting.score_applications", contest),
        "table": scoring.score_table(contest),
        "sheet": scoring.current_sheet(contest),
    }
    return render(request, "budgeting/scoring.html", context)


def _assignment(request, pk: int) -> Assignment:
    try:
        assignment = scoring.assignment_for(pk)
    except Assignment.DoesNotExist as error:
        raise Http404 from error
    if assignment.member.user_id != request.user.pk:
        raise Http404
    return assignment


def _score_page(request, assignment, *, form=None, conflict_form=None, status=200):
    contest = assignment.member.contest
    criteria = scoring.expert_criteria(contest)
    given = {s.criterion_id: s for s in assignment.scores.all()}
    table = scoring.score_table(contest)
    row = next((r for r in table.rows if r.application.pk == assignment.application_id), None)
    computed = [
        (c, row.scores.get(c.pk) if row else None) for c in table.criteria if c.source != "experts"
    ]
    context = {
        "contest": contest,
        "assignment": assignment,
        "application": assignment.application,
        "form": form or ScoreForm(criteria=criteria, scores=given),
        "conflict_form": conflict_form or ConflictForm(),
        "computed": computed,
        "can_score": request.user.has_perm("budgeting.score_applications", contest),
        "sheet": scoring.current_sheet(contest),
    }
    return render(request, "budgeting/score.html", context, status=status)


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    if request.method != "POST":
        return _score_page(request, assignment)
    criteria = scoring.expert_criteria(assignment.member.contest)
    given = {s.criterion_id: s for s in assignment.scores.all()}
    form = ScoreForm(request.POST, criteria=criteria, scores=given)
    if form.is_valid():
        data = form.cleaned_data
        scores = [
            service.ScoreIn(c.pk, data[f"score-{c.pk}"], data[f"comment-{c.pk}"]) for c in criteria
        ]
        _run(
            request,
            form,
            lambda: service.scores_save(user=request.user, assignment=assignment, scores=scores),
        )
        if not form.errors:
            messages.success(request, _("The scores are saved."))
            return redirect("budgeting:scoring", pk=assignment.member.contest_id)
    return _score_page(request, assignment, form=form, status=400)


@login_required
@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        _run(
            request,
            form,
            lambda: service.conflict_declare(
                user=request.user, assignment=assignment, note=form.cleaned_data["note"]
            ),
        )
        if not form.errors:
            messages.success(request, _("The conflict of interest is declared."))
            return redirect("budgeting:scoring", pk=assignment.member.contest_id)
    return _score_page(request, assignment, conflict_form=form, status=400)
