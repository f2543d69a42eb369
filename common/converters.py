"""Path converters shared by the apps' URLconfs (registered by CommonConfig.ready)."""


class UnicodeSlugConverter:
    """Like Django's <slug:…> but for slugs in any alphabet (Persian, Arabic…)."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
