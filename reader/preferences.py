"""Reading preferences, kept in the visitor's session."""

PINYIN_SESSION_KEY = "pinyin"


def pinyin_on(request) -> bool:
    return request.session.get(PINYIN_SESSION_KEY, True)


def reading_preferences(request):
    """Template context processor: the current visitor's reading preferences."""
    return {"pinyin_on": pinyin_on(request)}
