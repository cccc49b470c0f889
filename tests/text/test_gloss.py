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


def test_senses_are_clean_of_inline_measures_form_pairs_and_taiwan_readings():
    nation = gloss("国", shown="guó").readings[0]
    assert nation.definitions[0] == "country; nation; state" and "个" in nation.measure_words
    assert "orchid (兰花 Cymbidium goeringii)" in definitions(gloss("兰", shown="lán"))
    for word, shown in (("和", "hé"), ("朝鲜", "Cháo xiǎn"), ("会", "huì")):
        assert not any("Taiwan pr" in d for d in definitions(gloss(word, shown=shown))), word


def test_the_main_traditional_form_and_own_senses_come_before_variants_and_sounds():
    dang = gloss("当", shown="dāng")
    assert dang.traditional == "當" and dang.readings[0].definitions[0] == "to be"
    assert gloss("时", shown="shí").traditional == "時"
    assert gloss("拿", shown="ná").traditional == "拿"
    que = gloss("确", shown="què")
    assert que.traditional == "確" and que.readings[0].definitions[0] == "authenticated"
    assert gloss("称", shown="chèng").readings[0].definitions[0] == "steelyard"


def test_a_capitalised_english_link_puts_the_name_first_and_names_keep_their_capitals():
    mark = gloss("马克", shown="mǎ kè", english_words=["Mark"])
    assert mark.readings[0].definitions == ["Mark (name)"] and mark.readings[0].shown
    assert gloss("马克", shown="mǎ kè", english_words=["marks"]).readings[0].pinyin == "mǎkè"
    putin = gloss("普京", shown="pǔ jīng", english_words=["Putin"])
    assert putin.written == "Pǔjīng" and not putin.readings[0].said
    abc = gloss("美国广播公司", shown="měi guó guǎng bō gōng sī")
    assert abc.written == "Měiguó Guǎngbō Gōngsī"
    assert gloss("一", shown="yí").readings[0].said  # the dictionary's yī, said yí here
