"""The cabinet's messengers section: the chats linked to the resident's account."""

from django import template

from ..models import MessengerLink

register = template.Library()


@register.simple_tag(takes_context=True)
def my_messenger_links(context) -> list[MessengerLink]:
    return list(MessengerLink.objects.filter(user=context["request"].user).order_by("pk"))
