"""The pop-up's entry for a word, arranged for a learner (no database)."""

from reader.text.gloss import gloss


def definitions(entry) -> list[str]:
    return [d for reading in entry.readings for d in reading.definitions]


def test_the_sense_the_english_meets_comes_first_with_its_reading():
    # 东西 "east and west" (dōngxī) or "thing" (dōngxi): the linked English decides.
    thing = gloss("东西", shown="dōng xi", english_words=["things"])
    assert [r.pinyin for r in thing.readings] == ["dōngxi", "dōngxī"]
    assert thing.readings[0].fits and thing.readings[0].shown
    assert thing.readings[0].definitions[0].startswith("thing")
    east = gloss("东西", shown="dōng xī", english_words=["east", "west"])
    assert east.readings[0].pinyin == "dōngxī" and east.readings[0].fits


def test_the_page_reading_leads_when_no_english_is_linked():
    tell = gloss("告诉", shown="gào su")
    assert tell.readings[0].pinyin == "gàosu" and tell.readings[0].shown
    assert tell.readings[0].definitions[0].startswith("to tell")
    assert tell.readings[1].definitions[0] == "to press charges; to file a complaint"


def test_the_page_reading_is_written_as_the_page_reads_it_tone_changes_included():
    one = gloss("一", shown="yí")
    assert one.written == "yí"
    assert one.readings[0].pinyin == "yī" and one.readings[0].shown  # the dictionary's form
    assert gloss("普京", shown="pǔ jīng", name="Putin").written == "Pǔjīng"


def test_definitions_lose_cross_reference_syntax_and_self_references():
    ge = definitions(gloss("个", shown="gè"))
    assert not any("variant of" in d and "个" in d for d in ge)  # 个 is its own variant
    assert not any("[" in d or "|" in d or "(bound form)" in d for d in ge)
    assert "individual" in ge
    en = definitions(gloss("恩", shown="ēn"))
    assert en == ["favor", "grace", "kindness"] or en[0].startswith("favor")
    assert not any("variant" in d for d in en)
    # A reference to another word keeps that word, its reading written out.
    assert any(d == "variant of 秤 (chèng)" for d in definitions(gloss("称", shown="chēng")))
    xian = definitions(gloss("西安", shown="xī ān"))
    assert any("陕西省 (Shǎnxī Shěng)" in d for d in xian), xian
    assert not any("[" in d for d in definitions(gloss("朝鲜", shown="cháo xiǎn")))


def test_a_name_says_so_and_is_never_graded():
    entry = gloss("米利", shown="mǐ lì", name="Milley")
    assert entry.name == "Milley" and entry.level is None and entry.written == "Mǐlì"
    assert gloss("米", shown="mǐ").level is not None  # the character alone is graded
