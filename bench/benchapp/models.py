from django.db import models


class Ping(models.Model):
    """The bare insert the benchmark compares supporting with."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ping {self.pk}"
