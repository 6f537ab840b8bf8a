"""spaCy parts registered by versioned name, so a committed config can build them.

``spacy.blank("zh")`` segments one character at a time (``spacy init config``
writes ``segmenter = "char"``), and its jieba segmenter uses the global jieba
and saves no domain dictionary with the model.  ``gidar.jieba_tokenizer.v1``
keeps its word list in the config itself: a saved pipeline's ``config.cfg``
rebuilds the same segmentation in any process, whatever else has been added
to the global jieba.  Pass this file to ``spacy train --code``.
"""
from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

@lru_cache(maxsize=8)
def _segmenter(words: tuple[str, ...]):
    """A private jieba tokenizer with the domain words, one per word list per process."""
    import jieba
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in words:
        tokenizer.add_word(word, freq=2_000_000)
    return tokenizer


class JiebaTokenizer:
    """Text → Doc with jieba words; whitespace becomes the preceding token's trailing space."""

    def __init__(self, vocab: Vocab, words: Iterable[str]):
        self.vocab = vocab
        self.words = tuple(dict.fromkeys(w for w in words if w))

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for piece, _, _ in _segmenter(self.words).tokenize(text, HMM=False):
            if piece == " " and words and not spaces[-1]:
                spaces[-1] = True
                continue
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # The config rebuilds the word list; the copy saved beside it is for people reading the model.
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps(list(self.words), ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "words.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs) -> "JiebaTokenizer":
        return self


@spacy.registry.tokenizers("gidar.jieba_tokenizer.v1")
def create_jieba_tokenizer(words: list[str]) -> Callable[[Language], JiebaTokenizer]:
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, words)
    return make


__all__ = ["JiebaTokenizer", "create_jieba_tokenizer"]
