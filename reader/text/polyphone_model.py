"""A learned reading for rare polyphonic characters, from g2pM's bidirectional LSTM.

g2pM (Park & Lee, Interspeech 2020, Apache-2.0) ships its weights inside
the PyPI package, so it runs offline. It was trained on encyclopedic text
(CPP), where rare characters stand mostly in names, places and technical
terms (翟 Zhái, 覃 Qín, 峒 tóng, 粘 nián): exactly where pypinyin's
one-character default is weakest. On everyday text it is worse than our
rules for common characters, so ``pinyin`` asks it only about rare ones:

    >>> read_in_context("翟永明是一位诗人。", [0])
    {0: 'zhái'}

Only the characters asked about are decided, each among the readings
g2pM's dictionary lists for it. The model loads on first use (about
0.2 s); a sentence of 30 characters costs about 0.4 ms.
"""

from functools import cache

import numpy as np
from pypinyin.contrib.tone_convert import to_tone

__all__ = ["is_ambiguous", "read_in_context"]

WINDOW = 10  # characters read on each side of a character asked about
_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's sentence markers and unknown character


@cache
def _model():
    """g2pM's tables, and its LSTM's weights laid out for ``_hidden_states``."""
    from g2pM import G2pM

    model = G2pM()
    classes = {pron: idx for idx, pron in model.idx2class.items()}
    candidates = {
        char: np.array([classes[p] for p in prons if p in classes])
        for char, prons in model.cedict.items()
        if len(prons) > 1
    }
    size = model.weight_hh.shape[1]
    # Both directions step together: one matmul with a block-diagonal matrix.
    recurrent = np.zeros((2 * size, 8 * size), dtype=np.float32)
    recurrent[:size, : 4 * size] = model.weight_hh.T
    recurrent[size:, 4 * size :] = model.weight_hh_reverse.T
    return model, candidates, recurrent


def is_ambiguous(char: str) -> bool:
    """Whether the model has more than one reading to choose from for ``char``."""
    return char in _model()[1]


def read_in_context(
    sentence: str, positions: list[int], *, min_share: float = 0.0
) -> dict[int, str]:
    """The reading (tone marks, neutral unmarked) of each character at ``positions``.

    A character whose best reading has less than ``min_share`` of the
    probability among its readings is left out (the model is unsure).
    """
    model, candidates, recurrent = _model()
    positions = [p for p in positions if sentence[p] in candidates]
    if not positions:
        return {}
    out = {}
    # The model reads a window around the characters asked about: words
    # further away rarely change a reading (none on the CPP sample beyond
    # 8 characters), and a long sentence costs no more than a short one.
    for group in _groups(sorted(positions)):
        start = max(0, group[0] - WINDOW)
        end = min(len(sentence), group[-1] + WINDOW + 1)
        unk = model.char2idx[_UNK]
        ids = [model.char2idx[_BOS], *(model.char2idx.get(c, unk) for c in sentence[start:end])]
        ids.append(model.char2idx[_EOS])
        hidden = _hidden_states(model, recurrent, np.array(ids))  # BOS at 0
        logits = model.fc_layer(hidden[[p - start + 1 for p in group]])
        for row, p in zip(logits, group, strict=True):
            allowed = candidates[sentence[p]]
            scores = row[allowed]
            share = np.exp(scores - scores.max())
            best = int(np.argmax(scores))
            if share[best] / share.sum() >= min_share:
                out[p] = _marked(model.idx2class[int(allowed[best])])
    return out


def _groups(positions: list[int]) -> list[list[int]]:
    """Sorted positions in runs whose windows overlap."""
    groups = [[positions[0]]]
    for p in positions[1:]:
        if p - groups[-1][-1] <= 2 * WINDOW:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _hidden_states(model, recurrent: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """g2pM's forward and backward LSTM states, concatenated, one row per character.

    The same numbers as g2pM's own loop, a few times faster: the input
    projections of all steps are one matmul, and both directions share
    each step's recurrent matmul and gate arithmetic.
    """
    size = model.weight_hh.shape[1]
    emb = model.embeddings[ids]  # [t, d]
    forward = emb @ model.weight_ih.T + (model.bias_ih + model.bias_hh)
    backward = emb[::-1] @ model.weight_ih_reverse.T + (
        model.bias_ih_reverse + model.bias_hh_reverse
    )
    inputs = np.concatenate([forward, backward], axis=1)  # [t, 8 * size]
    steps = len(ids)
    h = np.zeros(2 * size, dtype=np.float32)
    c = np.zeros((2, size), dtype=np.float32)
    states = np.empty((steps, 2, size), dtype=np.float32)
    for t in range(steps):
        z = (inputs[t] + h @ recurrent).reshape(2, 4, size)  # gates i, f, g, o per direction
        gates = 1 / (1 + np.exp(-z))
        c = gates[:, 1] * c + gates[:, 0] * np.tanh(z[:, 2])
        states[t] = gates[:, 3] * np.tanh(c)
        h = states[t].reshape(-1)
    return np.concatenate([states[:, 0], states[::-1, 1]], axis=1)


def _marked(numbered: str) -> str:
    numbered = numbered.replace("u:", "v")
    if numbered.endswith("5"):
        return numbered[:-1].replace("v", "ü")
    return to_tone(numbered)
