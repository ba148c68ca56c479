"""The evaluation benchmarks: SimLex-999, the Google analogies and the polarity sentences."""

import pytest

from wordvec_helpers import datasets


def test_simlex999():
    pairs = datasets.simlex999()
    assert len(pairs) == 999
    assert pairs[0] == ("old", "new", 1.58)
    assert ("smart", "intelligent", 9.2) in pairs
    assert all(0 <= score <= 10 for *_, score in pairs)


def test_google_analogies():
    sections = datasets.google_analogies()
    assert len(sections) == 14 and sum(map(len, sections.values())) == 19_544
    assert list(sections)[:2] == ["capital-common-countries", "capital-world"]
    assert list(sections)[-1] == "gram9-plural-verbs"
    assert sections["capital-common-countries"][0] == ("athens", "greece", "baghdad", "iraq")
    assert len(sections["family"]) == 506


def test_movie_polarity():
    sentences, labels = datasets.movie_polarity()
    assert len(sentences) == labels.size == 200
    assert labels.sum() == 100 and set(labels.tolist()) == {0, 1}
    assert sentences[0] == ["simplistic", "silly", "and", "tedious"] and labels[0] == 0
    assert labels[-1] == 1
    assert ["the", "action", "clichés", "just", "pile", "up"] in sentences  # read as cp1252


@pytest.mark.parametrize(
    ("loader", "text", "message"),
    [
        (datasets.simlex999, "a\tb\t1\nc\td\n", "line 2 is malformed \\(expected 3 tab"),
        (datasets.simlex999, "a\tb\tmuch\n", "line 1 is malformed"),
        (datasets.simlex999, "a\tb\tnan\n", "not a finite number"),
        (datasets.wordsim353, "# only a comment\n", "holds no word pairs"),
        (datasets.google_analogies, "a b c d\n", "line 1: a question before the first"),
        (datasets.google_analogies, ": s\na b c\n", "line 2 is malformed \\(expected 4 words"),
        (datasets.google_analogies, ": s\na b c d\n: s\n", "line 3: section 's' appears twice"),
        (datasets.google_analogies, ": s\n: t\na b c d\n", "section 's' has no questions"),
        (datasets.movie_polarity, "__label__pos good\nneutral film\n", "line 2 is malformed"),
        (datasets.movie_polarity, "__label__neg 1999 !\n", "line 1 has a label but no words"),
    ],
)
def test_malformed_benchmark_files_are_explained(tmp_path, loader, text, message):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        loader(path)


def test_missing_benchmark_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.txt not found"):
        datasets.simlex999(tmp_path / "nothing.txt")


def test_a_file_in_the_same_format_can_be_read(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# mine\nCat\tDog\t7.5\n", encoding="utf-8")
    assert datasets.wordsim353(path) == [("cat", "dog", 7.5)]
