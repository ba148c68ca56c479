"""From text to word ids: a tokenizer and the vocabulary V.

Introduced in notebook 01.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ._validation import _show, as_id_array, check_positive_int

# A word is a run of letters, possibly joined by apostrophes ("don't", "l'invention").
# Digits and punctuation separate words and are dropped; a possessive "'s" is dropped too.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lowercase word tokens.

    >>> tokenize("I like cats and dogs. Marx's 1848 manifesto didn't...")
    ['i', 'like', 'cats', 'and', 'dogs', 'marx', 'manifesto', "didn't"]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}: {_show(text)}")
    tokens = _WORD.findall(text.lower())
    return [_POSSESSIVE.sub("", token).replace("’", "'") for token in tokens]


class Vocabulary:
    """The vocabulary V: words, their ids and their corpus counts.

    Ids run from 0 to |V| - 1, most frequent word first (ties keep the order in which the
    words first appear in the corpus, so the ids are the same on every run).

    Attributes
    ----------
    words : list[str] of length |V|    ``words[i]`` is the word with id ``i``
    counts : ndarray of shape (|V|,)   corpus frequency of each word (int64)
    """

    def __init__(self, words: Sequence[str], counts: Sequence[int]):
        words = list(words)
        counts = np.asarray(counts, dtype=np.int64)
        if counts.shape != (len(words),):
            raise ValueError(
                f"words and counts must have the same length, got {len(words)} words "
                f"and counts of shape {counts.shape}"
            )
        if len(set(words)) != len(words):
            duplicate = next(w for w, n in Counter(words).items() if n > 1)
            raise ValueError(f"words must be unique; {duplicate!r} appears more than once")
        self.words = words
        self.counts = counts
        self._index = {word: i for i, word in enumerate(words)}

    @classmethod
    def build(
        cls,
        sentences: Iterable[Sequence[str]],
        min_count: int = 1,
        max_size: int | None = None,
    ) -> Vocabulary:
        """Count the tokens of ``sentences`` and keep the words seen at least ``min_count``
        times, at most ``max_size`` of them (the most frequent)."""
        min_count = check_positive_int("min_count", min_count)
        if max_size is not None:
            max_size = check_positive_int("max_size", max_size)
        if isinstance(sentences, str):
            raise TypeError(
                "sentences must be a list of token lists, got a str; "
                "use [tokenize(text)] for a single text"
            )
        frequency: Counter[str] = Counter()
        for i, sentence in enumerate(sentences):
            if isinstance(sentence, str):
                raise TypeError(
                    f"sentences[{i}] is a str ({_show(sentence)}); each sentence must be a "
                    "list of tokens, e.g. tokenize(text)"
                )
            frequency.update(sentence)
        if not frequency:
            raise ValueError("cannot build a vocabulary from an empty corpus (no tokens found)")
        # Counter keeps first-appearance order; a stable sort by count keeps it for ties.
        kept = [(w, n) for w, n in frequency.items() if n >= min_count]
        if not kept:
            raise ValueError(
                f"no word occurs at least min_count={min_count} times; the most frequent word "
                f"occurs {max(frequency.values())} times"
            )
        kept.sort(key=lambda item: -item[1])
        if max_size is not None:
            kept = kept[:max_size]
        return cls([w for w, _ in kept], [n for _, n in kept])

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self._index

    def __iter__(self):
        return iter(self.words)

    def __getitem__(self, word: str) -> int:
        try:
            return self._index[word]
        except (KeyError, TypeError):
            raise KeyError(self._unknown_message(word)) from None

    def __repr__(self) -> str:
        head = ", ".join(self.words[:5])
        more = ", ..." if len(self) > 5 else ""
        return f"Vocabulary(|V|={len(self)}: {head}{more})"

    def suggest(self, word: str, n: int = 5) -> list[str]:
        """Words of the vocabulary that look like ``word`` (for error messages)."""
        if not isinstance(word, str):
            return []
        return difflib.get_close_matches(word.lower(), self.words, n=n, cutoff=0.6)

    def _unknown_message(self, word) -> str:
        close = self.suggest(word)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        return f"{word!r} is not in the vocabulary (|V|={len(self)}){hint}"

    def encode(self, tokens: Sequence[str], *, on_unknown: str = "error") -> np.ndarray:
        """Map tokens to their ids, an int64 array of shape (len(tokens),).

        ``on_unknown="error"`` raises a KeyError for a word not in V (with suggestions);
        ``on_unknown="drop"`` leaves such words out, as word2vec does with rare words.
        """
        if on_unknown not in ("error", "drop"):
            raise ValueError(f"on_unknown must be 'error' or 'drop', got {on_unknown!r}")
        if isinstance(tokens, str):
            raise TypeError("tokens must be a list of words, got a str; use tokenize(text)")
        index = self._index
        if on_unknown == "drop":
            ids = [index[t] for t in tokens if t in index]
        else:
            ids = [self[t] for t in tokens]
        return np.asarray(ids, dtype=np.int64)

    def encode_corpus(self, sentences: Iterable[Sequence[str]]) -> list[np.ndarray]:
        """Encode every sentence, dropping words not in V and sentences left empty."""
        encoded = (self.encode(s, on_unknown="drop") for s in sentences)
        return [ids for ids in encoded if ids.size]

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Map ids back to words."""
        if not isinstance(ids, np.ndarray):
            ids = np.asarray(list(ids))
        array = as_id_array("ids", ids, len(self))
        return [self.words[i] for i in array]
