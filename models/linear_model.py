"""A linear classifier over candidate features, stored as JSON and numpy arrays.

scikit-learn fits it (multinomial logistic regression); tagging needs only
numpy: the weights of the features a candidate has, summed, then a softmax.
That keeps the artifact free of pickle, small, and quick to load in every
worker process.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

NONE = "none"  # the class of a candidate that is no claim


@dataclass(frozen=True)
class LinearModel:
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    classes: tuple[str, ...]

    def probabilities(self, features: Sequence[str]) -> np.ndarray:
        idx = [self.vocabulary[f] for f in features if f in self.vocabulary]
        scores = self.weights[idx].sum(axis=0) + self.bias if idx else self.bias.copy()
        scores = scores - scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def predict(self, features: Sequence[str]) -> tuple[str, float]:
        p = self.probabilities(features)
        k = int(p.argmax())
        return self.classes[k], float(p[k])

    def save(self, directory: Path) -> None:
        (directory / "vocabulary.json").write_text(
            json.dumps(sorted(self.vocabulary, key=self.vocabulary.get), ensure_ascii=False), encoding="utf-8")
        (directory / "classes.json").write_text(json.dumps(list(self.classes), ensure_ascii=False),
                                                encoding="utf-8")
        np.savez_compressed(directory / "weights.npz", weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32))

    @classmethod
    def load(cls, directory: Path) -> "LinearModel":
        names = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        classes = tuple(json.loads((directory / "classes.json").read_text(encoding="utf-8")))
        with np.load(directory / "weights.npz", allow_pickle=False) as arrays:
            weights = arrays["weights"].astype(np.float32)
            bias = arrays["bias"].astype(np.float32)
        if weights.shape != (len(names), len(classes)):
            raise ValueError(f"weights {weights.shape} do not fit {len(names)} features × {len(classes)} classes")
        return cls({n: i for i, n in enumerate(names)}, weights, bias, classes)


def fit(rows: Sequence[Sequence[str]], labels: Sequence[str], *, seed: int = 0, c: float = 4.0,
        min_count: int = 2) -> LinearModel:
    """Multinomial logistic regression; features seen fewer than ``min_count`` times are dropped."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in rows for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocabulary = {f: i for i, f in enumerate(names)}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted({vocabulary[f] for f in row if f in vocabulary}))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                   shape=(len(rows), len(names)))
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError("training needs at least two classes (claims and non-claims)")
    model = LogisticRegression(C=c, max_iter=400, random_state=seed)
    model.fit(x, list(labels))
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # binary: sklearn keeps one row; expand to two
        coef = np.vstack([-coef[0], coef[0]]) / 2
        intercept = np.array([-intercept[0], intercept[0]]) / 2
    return LinearModel(vocabulary, coef.T.astype(np.float32), intercept.astype(np.float32),
                       tuple(model.classes_))
