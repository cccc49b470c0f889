"""English tokens and lemmas: what the aligner and the word linker read English as."""

import pytest

from reader.text.english import is_word, lemma, tokenize, words


def test_tokenize_splits_words_spaces_and_punctuation():
    assert tokenize("Putin's war, 3.5% in the U.S. at 3:45 p.m.") == [
        "Putin", "'s", " ", "war", ",", " ", "3.5", "%", " ", "in", " ", "the", " ", "U.S.",
        " ", "at", " ", "3:45", " ", "p.m.",
    ]  # fmt: skip


def test_tokenize_keeps_inner_hyphens_and_contractions():
    assert tokenize("Kim Jong-un won't go") == ["Kim", " ", "Jong-un", " ", "won't", " ", "go"]
    assert tokenize("North Korea’s 8,500 reporters'") == [
        "North", " ", "Korea", "’s", " ", "8,500", " ", "reporters", "'",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  two  spaces\tand a tab\n",
        'Russian President Vladimir Putinhas approached North Korea"with a tin cup in hand"',
        "He'll probably get something,\" Milley said — of Putin… (really?!)",
        "Zelenskyy met Gonçalves in Kyiv; 1,000,000 people—3.5%—cheered.",
        "'s 's' ''s x's",
        "中文 mixed with English, 123.",
    ],
)
def test_tokenize_round_trips(text):
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


def test_is_word():
    assert is_word("Putin") and is_word("2023") and is_word("U.S.")
    assert not is_word(" ") and not is_word(",") and not is_word("'s")


def test_words_are_the_word_tokens():
    assert words("Kim Jong-un didn't say, in 2023.") == [
        "Kim",
        "Jong-un",
        "didn't",
        "say",
        "in",
        "2023",
    ]


def test_lemma_meets_every_form_of_a_word():
    forms = ("Approach", "approaches", "approached", "approaching")
    assert len({lemma(w) for w in forms}) == 1
    assert lemma("weapons") == lemma("weapon") and lemma("studies") == lemma("study")


def test_lemma_undoes_irregular_forms_and_adverbs():
    assert lemma("told") == lemma("tell") and lemma("children") == lemma("child")
    assert lemma("bought") == lemma("buy") and lemma("gone") == lemma("go")
    assert lemma("heavily") == lemma("heavy") and lemma("mainly") == lemma("main")


def test_lemma_ignores_case_and_possessives():
    assert lemma("Korea's") == lemma("korea") == lemma("KOREA")
