"""Helpers for the word-embeddings course: one module per idea, in the precept's notation.

corpus        tokenize, Vocabulary                       (notebook 01)
datasets      the precept's toy tables, real text and benchmarks, offline
cooccurrence  the co-occurrence matrix W; uniform, harmonic or linear window weights
                                                         (notebooks 01, 08, 09)
similarity    cosine similarity, nearest neighbours      (notebook 01)
pmi           probabilities, PMI, PPMI                   (notebook 02)
svd           truncated SVD word vectors                 (notebook 03)
skipgram      softmax skip-gram and SGNS: losses, gradients, sampler, trainers (notebooks 04, 05)
gradcheck     finite differences, gradient checks        (notebook 06)
evaluation    word similarity, analogies, sentence polarity, word categories, fair comparisons,
              neighbour stability, WEAT: a subpackage, one module per idea (notebook 07)
word_categories  the word-category task (an extrinsic task where vectors matter)
comparison    every method on every evaluation, one table and one chart (notebook 09)
io            word2vec text format, to and from gensim   (notebook 07)
glove         GloVe: the weighting f, J and its gradients, the AdaGrad trainer (notebook 08)
plotting      setup_notebook, heatmaps, word scatter plots
tables        labelled tables for small matrices
polls         the quick polls' questions, choices, feedback and answers (the poll bank)
widgets       quick polls, the PMI and embedding explorers, the training monitor, worked answers
worked_answers  worked answers packed out of sight for the student edition
checks        exercise checks that name the likely mistake
"""

from .plotting import setup_notebook

__version__ = "0.1.0"
__all__ = ["setup_notebook", "__version__"]
