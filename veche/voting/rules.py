"""Named permissions of voting points (views, templates, services and the admin ask these).

voting.view_votingpoint            the staff list of points (no object)
voting.add_votingpoint             a new point in a Municipality (object; None: anywhere)
voting.change_votingpoint          a point's title, address, note, activity (VotingPoint)
voting.manage_votingpoint_members  granting and revoking a point's staff (VotingPoint)
voting.enter_paper_ballot          entering a resident's paper ballot at a point: an
                                   operator of its municipality who is a member of the
                                   point while it is active (VotingPoint)
"""

import rules

from veche.accounts.predicates import is_active_user

from .predicates import (
    is_member_of_active_point,
    is_operator_for_point,
    manages_point,
    may_create_point_in,
    may_list_points,
)

rules.add_perm("voting.view_votingpoint", may_list_points)
rules.add_perm("voting.add_votingpoint", may_create_point_in)
rules.add_perm("voting.change_votingpoint", manages_point)
rules.add_perm("voting.manage_votingpoint_members", manages_point)
rules.add_perm(
    "voting.enter_paper_ballot",
    is_active_user & is_operator_for_point & is_member_of_active_point,
)
