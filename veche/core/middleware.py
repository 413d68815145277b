"""The version for the visually impaired: a cookie, so the choice persists across visits."""

ACCESSIBILITY_COOKIE = "veche_a11y"


class AccessibilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.low_vision = request.COOKIES.get(ACCESSIBILITY_COOKIE) == "1"
        return self.get_response(request)
