"""Every state change of points and rewards (docs/points.md)."""

from .desk import desk_member_add, desk_member_remove
from .granting import CONSUMER, process_events
from .orders import order_cancel, order_fulfil, order_place

__all__ = [
    "CONSUMER",
    "desk_member_add",
    "desk_member_remove",
    "order_cancel",
    "order_fulfil",
    "order_place",
    "process_events",
]
