from django.apps import AppConfig


class BenchappConfig(AppConfig):
    name = "bench.benchapp"
    label = "benchapp"

    def ready(self) -> None:
        # bench/search.py fills 5,000 news-like rows straight into the site-wide search index
        # (the news module is not built yet); their kind must be known for the page to show them.
        from bench.search_news import register_news_kind

        register_news_kind()
