"""`{% oidc_enabled %}`: is OpenID Connect sign-in configured? (The link is hidden if not.)"""

from django import template

from .. import oidc

register = template.Library()


@register.simple_tag
def oidc_enabled() -> bool:
    return oidc.is_enabled()
