"""Demo of points and rewards: the default rules, a catalogue of souvenirs and tickets, points
earned from everything the other demos recorded in the event log (the consumer is simply run),
the demo operator on the rewards desk and a few orders — waiting, handed over and cancelled; the
demo resident as an ambassador whose link brought seven registrations.

Idempotent: rewards are found by title, an order is placed once per resident and reward."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from veche.ledger.models import Account, Currency, Kind

from .defaults import load_default_rules
from .models import DeskMember, Order, Referral, Reward, RewardKind, Rule
from .services import order_cancel, order_fulfil, order_place, process_events
from .services.referrals import invitation_for

REWARDS = [
    (
        "Значок «Активный житель Югры»",
        RewardKind.SOUVENIR,
        30,
        200,
        "Эмалевый значок с символикой портала.",
    ),
    (
        "Блокнот и ручка «Живём на Севере»",
        RewardKind.SOUVENIR,
        60,
        120,
        "Блокнот А5 в клетку и шариковая ручка с логотипом.",
    ),
    (
        "Кружка «Живём на Севере»",
        RewardKind.SOUVENIR,
        120,
        60,
        "Керамическая кружка 350 мл с рисунком северного сияния.",
    ),
    (
        "Настенный календарь «Югра — 2027»",
        RewardKind.SOUVENIR,
        80,
        0,
        "Календарь с фотографиями природы округа. Новая партия ожидается в январе.",
    ),
    (
        "Термос с символикой Югры",
        RewardKind.SOUVENIR,
        300,
        25,
        "Стальной термос 0,5 л, держит тепло 12 часов.",
    ),
    (
        "Футболка с символикой Югры",
        RewardKind.SOUVENIR,
        350,
        40,
        "Хлопковая футболка, размеры S–XXL; размер выбирается при получении.",
    ),
    (
        "Билет в Музей природы и человека",
        RewardKind.TICKET,
        150,
        50,
        "Входной билет в Ханты-Мансийске на одно посещение в течение трёх месяцев.",
    ),
    (
        "Билет в Сургутский художественный музей",
        RewardKind.TICKET,
        150,
        30,
        "Входной билет на постоянную экспозицию.",
    ),
    (
        "Билет в кинотеатр «Октябрь»",
        RewardKind.TICKET,
        200,
        40,
        "Билет на любой сеанс до 18:00 в будние дни.",
    ),
    (
        "Билет на матч ХК «Югра»",
        RewardKind.TICKET,
        400,
        20,
        "Место на трибуне «Югра-Арены» на домашний матч сезона.",
    ),
]

# (reward title, what happens at the desk: None — still waiting, "fulfil" or "cancel")
ORDERS = [
    ("Значок «Активный житель Югры»", "fulfil"),
    ("Блокнот и ручка «Живём на Севере»", None),
    ("Блокнот и ручка «Живём на Севере»", "cancel"),
    ("Значок «Активный житель Югры»", None),
    ("Блокнот и ручка «Живём на Севере»", "fulfil"),
    ("Значок «Активный житель Югры»", None),
]


def seed() -> None:
    load_default_rules(Rule)
    for title, kind, price, stock, description in REWARDS:
        Reward.objects.get_or_create(
            title=title,
            defaults={"kind": kind, "price": price, "stock": stock, "description": description},
        )
    _referrals()
    while process_events(limit=2000):
        pass
    operator = _desk_operator()
    _orders(operator)


def _referrals() -> None:
    """The demo resident's referral link brought seven of the reports demo's residents (their
    e-mails confirmed): an ambassador from the fifth on. Once: only while nobody is referred."""
    if Referral.objects.exists():
        return
    users = get_user_model().objects.filter(is_active=True)
    inviter = users.filter(email="resident@demo.veche").first()
    if inviter is None:
        return
    invitation_for(inviter)
    invited = users.filter(
        email__startswith="resident",
        email__endswith=".demo@demo.veche",
        email_confirmed_at__isnull=False,
    ).order_by("pk")[:7]
    Referral.objects.bulk_create(Referral(inviter=inviter, invited=user) for user in invited)


def _desk_operator():
    users = get_user_model().objects
    operator = users.filter(email="operator@demo.veche").first()
    admin = users.filter(email="admin@demo.veche").first()
    if operator and admin:
        DeskMember.objects.get_or_create(user=operator, defaults={"added_by": admin})
    return operator


def _orders(operator) -> None:
    """The residents who earned most order a reward each; the desk decides some. Once: the
    richest change after ordering, so a second run would find other residents."""
    if Order.objects.exists():
        return
    richest = Account.objects.filter(
        currency=Currency.POINTS, kind=Kind.PERSONAL, owner_type="accounts.user"
    ).order_by("-balance", "pk")[: len(ORDERS)]
    users = get_user_model().objects.in_bulk([int(a.owner_id) for a in richest])
    for account, (title, decision) in zip(richest, ORDERS, strict=False):
        user, reward = users.get(int(account.owner_id)), Reward.objects.get(title=title)
        if user is None:
            continue
        try:
            with transaction.atomic():
                order = order_place(user=user, reward=reward)
                if decision == "fulfil" and operator:
                    order_fulfil(actor=operator, order=order)
                elif decision == "cancel" and operator:
                    order_cancel(
                        actor=operator,
                        order=order,
                        note="Блокноты закончились в пункте выдачи в Сургуте",
                    )
        except ValidationError:
            continue  # not enough points: the demo's events gave fewer than expected
