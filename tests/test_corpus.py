import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from wordvec_helpers.corpus import Vocabulary, tokenize


def test_tokenize_lowercases_and_drops_digits_punctuation_and_possessives():
    assert tokenize("I like cats and dogs.") == ["i", "like", "cats", "and", "dogs"]
    assert tokenize("Marx's 1848 manifesto didn't") == ["marx", "manifesto", "didn't"]
    assert tokenize("Café, naïve—résumé") == ["café", "naïve", "résumé"]
    assert tokenize("") == []


def test_tokenize_rejects_non_strings():
    with pytest.raises(TypeError, match="text must be a str"):
        tokenize(["already", "tokens"])


def test_vocabulary_orders_by_frequency_then_first_appearance():
    vocab = Vocabulary.build([["b", "a", "c", "a"], ["c", "d"]])
    assert vocab.words == ["a", "c", "b", "d"]
    np.testing.assert_array_equal(vocab.counts, [2, 2, 1, 1])
    assert len(vocab) == 4 and "a" in vocab and "z" not in vocab
    assert vocab["c"] == 1


def test_vocabulary_min_count_and_max_size():
    sentences = [["a"] * 5 + ["b"] * 3 + ["c"] * 2 + ["d"]]
    assert Vocabulary.build(sentences, min_count=2).words == ["a", "b", "c"]
    assert Vocabulary.build(sentences, max_size=2).words == ["a", "b"]


def test_encode_decode_round_trip():
    vocab = Vocabulary.build([["i", "like", "cats", "and", "dogs"]])
    ids = vocab.encode(["dogs", "i"])
    assert ids.dtype == np.int64
    np.testing.assert_array_equal(ids, [4, 0])
    assert vocab.decode(ids) == ["dogs", "i"]
    assert vocab.decode([]) == []


def test_unknown_word_suggests_close_words():
    vocab = Vocabulary.build([["cats", "dogs", "like"]])
    with pytest.raises(KeyError, match="'cat' is not in the vocabulary.*did you mean 'cats'"):
        vocab["cat"]
    with pytest.raises(KeyError, match="'dgos'"):
        vocab.encode(["dgos"])


def test_encode_can_drop_unknown_words():
    vocab = Vocabulary.build([["a", "b"]])
    np.testing.assert_array_equal(vocab.encode(["a", "zzz", "b"], on_unknown="drop"), [0, 1])
    assert [list(s) for s in vocab.encode_corpus([["zzz"], ["b", "a"]])] == [[1, 0]]
    with pytest.raises(ValueError, match="on_unknown must be 'error' or 'drop'"):
        vocab.encode(["a"], on_unknown="ignore")


@pytest.mark.parametrize(
    ("sentences", "options", "error", "message"),
    [
        ([], {}, ValueError, "empty corpus"),
        ([[]], {}, ValueError, "empty corpus"),
        ("a text", {}, TypeError, "got a str"),
        (["a text"], {}, TypeError, r"sentences\[0\] is a str"),
        ([["a"]], {"min_count": 0}, ValueError, "min_count must be an integer >= 1, got 0"),
        ([["a"]], {"min_count": 2}, ValueError, "no word occurs at least min_count=2"),
        ([["a"]], {"max_size": 1.5}, TypeError, "max_size must be an integer"),
    ],
)
def test_build_rejects_bad_input(sentences, options, error, message):
    with pytest.raises(error, match=message):
        Vocabulary.build(sentences, **options)


def test_decode_rejects_ids_outside_the_vocabulary():
    vocab = Vocabulary.build([["a", "b"]])
    with pytest.raises(ValueError, match=r"id 2 at position 1, outside the vocabulary: .*0\.\.1"):
        vocab.decode([0, 2])
    with pytest.raises(TypeError, match="integer word ids"):
        vocab.decode([0.5])


@given(st.lists(st.lists(st.sampled_from("abcdefg"), max_size=8), min_size=1))
def test_counts_are_token_frequencies(sentences):
    assume(any(sentences))
    vocab = Vocabulary.build(sentences)
    tokens = [t for s in sentences for t in s]
    assert vocab.counts.sum() == len(tokens)
    assert all(vocab.counts[vocab[w]] == tokens.count(w) for w in vocab.words)
    assert list(vocab.counts) == sorted(vocab.counts, reverse=True)
