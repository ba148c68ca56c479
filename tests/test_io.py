"""word2vec text format: round trips, and interoperability with gensim in both directions."""

import numpy as np
import pytest
import scipy.sparse as sp
from gensim.models import KeyedVectors

from wordvec_helpers import io
from wordvec_helpers.corpus import Vocabulary

WORDS = ["the", "anarchism", "café", "l'invention", "über"]


@pytest.fixture
def vectors():
    return np.random.default_rng(0).standard_normal((len(WORDS), 7))


def test_round_trip_is_exact(tmp_path, vectors):
    path = io.save_word2vec_format(tmp_path / "v.txt", vectors, Vocabulary(WORDS, [5, 4, 3, 2, 1]))
    loaded, vocab = io.load_word2vec_format(path)
    np.testing.assert_array_equal(loaded, vectors)  # float64 written with a round-trip repr
    assert vocab.words == WORDS
    np.testing.assert_array_equal(vocab.counts, [5, 4, 3, 2, 1])  # gensim's made-up counts
    assert path.read_text(encoding="utf-8").splitlines()[0] == "5 7"


def test_float32_round_trip_is_exact_and_short(tmp_path, vectors):
    single = vectors.astype(np.float32)
    single[0, 0] = 0.1
    path = io.save_word2vec_format(tmp_path / "v.txt", single, WORDS)
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("the 0.1 ")
    loaded, _ = io.load_word2vec_format(path, dtype=np.float32)
    assert loaded.dtype == np.float32
    np.testing.assert_array_equal(loaded, single)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gensim_loads_what_we_save(tmp_path, vectors, dtype):
    path = io.save_word2vec_format(tmp_path / "v.txt", vectors.astype(dtype), WORDS)
    keyed = KeyedVectors.load_word2vec_format(path)
    assert keyed.index_to_key == WORDS
    np.testing.assert_array_equal(keyed.vectors, vectors.astype(np.float32))


def test_we_load_what_gensim_saves(tmp_path, vectors):
    keyed = KeyedVectors(vectors.shape[1])
    keyed.add_vectors(WORDS, vectors.astype(np.float32))
    keyed.save_word2vec_format(str(tmp_path / "g.txt"))
    loaded, vocab = io.load_word2vec_format(tmp_path / "g.txt", dtype=np.float32)
    assert vocab.words == WORDS
    np.testing.assert_array_equal(loaded, keyed.vectors)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("2 x\na 1\nb 2\n", "header"),
        ("2 2\na 1 2\nb 3\n", "line 3 is malformed: expected a word and 2 numbers"),
        ("2 2\na 1 2\nb 3 4 5\n", "line 3 is malformed"),
        ("2 2\na 1 2\nb 3 four\n", "line 3 \\(word 'b'\\): 'four' is not a number"),
        ("2 2\na 1 2\nb 3 nan\n", "line 3 \\(word 'b'\\) has a NaN"),
        ("2 2\na 1 2\na 3 4\n", "line 3: the word 'a' appears again \\(first on line 2\\)"),
        ("3 2\na 1 2\nb 3 4\n", "announces 3 words but the file has 2"),
        ("1 2\na 1 2\nb 3 4\n", "announces 1 words but the file has 2"),
    ],
)
def test_malformed_files_are_explained(tmp_path, text, message):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        io.load_word2vec_format(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no word-vector file"):
        io.load_word2vec_format(tmp_path / "nothing.txt")


def test_bad_input_to_save(tmp_path, vectors):
    with pytest.raises(ValueError, match="word 1 is 'two words'"):
        io.save_word2vec_format(tmp_path / "v.txt", vectors[:2], ["one", "two words"])
    with pytest.raises(ValueError, match="different sizes"):
        io.save_word2vec_format(tmp_path / "v.txt", vectors, WORDS[:3])
    with pytest.raises(TypeError, match="sparse"):
        io.save_word2vec_format(tmp_path / "v.txt", sp.csr_matrix(vectors), WORDS)
