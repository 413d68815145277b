"""REST API of points (/api/v1/points/): the catalogue and rules (public), and for the signed-in
resident his balance, history and orders, and ordering a reward."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from veche.api.auth import token_or_session
from veche.api.errors import service_errors
from veche.api.schemas import Id, InputSchema, errors

from . import selectors, services
from .models import Order, Reward
from .throttle import order_slot

router = Router(tags=["points"])


class RewardOut(Schema):
    id: int
    title: str
    description: str
    kind: str = Field(description="souvenir or ticket")
    price: int = Field(description="in points")
    stock: int


class RuleOut(Schema):
    action: str
    label: str
    points: int
    daily_cap: int = Field(description="grants per person per day; 0: no cap")
    approved_first: bool


class BalanceOut(Schema):
    balance: int


class LineOut(Schema):
    at: datetime
    amount: int
    balance_after: int
    kind: str = Field(description="grant, revoke, order, refund or other")
    what: str


class OrderOut(Schema):
    id: int
    reward_id: int
    reward: str
    price: int
    status: str = Field(description="reserved, fulfilled or cancelled")
    created_at: datetime
    decided_at: datetime | None
    note: str

    @staticmethod
    def resolve_reward(order: Order) -> str:
        return order.reward.title


class OrderIn(InputSchema):
    reward: Id


@router.get("/rewards", response={200: list[RewardOut], **errors(422)}, auth=None)
def rewards(request):
    return list(selectors.catalogue())


@router.get("/rules", response={200: list[RuleOut], **errors(422)}, auth=None)
def rules(request):
    return list(selectors.active_rules())


@router.get("/balance", response={200: BalanceOut, **errors(401, 422)}, auth=token_or_session)
def balance(request):
    return {"balance": selectors.balance(request.user)}


@router.get("/history", response={200: list[LineOut], **errors(401, 422)}, auth=token_or_session)
def history(request):
    return selectors.points_history(request.user, limit=100)


@router.get("/orders", response={200: list[OrderOut], **errors(401, 422)}, auth=token_or_session)
def orders(request):
    return list(selectors.my_orders(request.user)[:100])


@router.post(
    "/orders",
    response={201: OrderOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def order(request, payload: OrderIn):
    reward = get_object_or_404(Reward, pk=payload.reward)
    with service_errors(order_slot(request.user)):
        placed = services.order_place(user=request.user, reward=reward)
    return Status(201, Order.objects.select_related("reward").get(pk=placed.pk))
