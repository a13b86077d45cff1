"""What a sentence says, as a learned model reads it: for each kind of signal, how likely the
sentence says it. A linear model over hashed word n-grams, trained by followup.reading.training
on the labelled corpus, its weights shipped in the package (kinds.model) and loaded the first
time a sentence is read. Applying it takes a few lines and no library.

The model proposes; the rules (followup.reading.signals) scope what it proposes and date it."""

from __future__ import annotations

import json
import math
import re
import sys
import zlib
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

MODEL = "kinds.model"
DIMENSIONS = 1 << 18  # hashed features: collisions are rare at this size, the file stays small
# Words stand for a kind of word, so that "by Friday" and "by Monday" are one feature.
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[$€£%!?]")
DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
) - {"may", "mar"}  # "may" and "mar" are words too
NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty".split()
)
LONGEST_SENTENCE = 2_000  # characters of a sentence the model reads: what says a thing says it early


def words(sentence: str) -> list[str]:
    """The sentence's words, folded: numbers, days and months stand for their kind."""
    found = []
    for word in WORD.findall(sentence[:LONGEST_SENTENCE].lower().replace("\u2019", "'")):
        if word[0].isdigit():
            word = "<n>"
        elif word in DAYS:
            word = "<day>"
        elif word in MONTHS:
            word = "<month>"
        elif word in NUMBERS:
            word = "<n>"
        found.append(word)
    return found


def features(sentence: str) -> list[int]:
    """The hashed features of a sentence: its words, word pairs and word triples, and where the
    sentence starts and ends."""
    said = ["<s>", *words(sentence), "</s>"]
    grams = said[1:-1] + [f"{a} {b}" for a, b in pairwise(said)]
    grams += [f"{a} {b} {c}" for a, b, c in zip(said, said[1:], said[2:], strict=False)]
    return list({zlib.crc32(gram.encode()) % DIMENSIONS for gram in grams})


@dataclass(frozen=True, slots=True)
class Model:
    """Per kind, a bias and a weight for each feature seen in training (kept as whole numbers,
    `scale` to a unit)."""

    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[int, tuple[int, ...]]  # a feature: its weight for each kind, from -127 to 127
    scale: float

    def likelihoods(self, sentence: str) -> dict[str, float]:
        """How likely the sentence says each kind, from 0 to 1."""
        sums = [0] * len(self.kinds)
        for feature in features(sentence):
            weights = self.weights.get(feature)
            if weights is not None:
                sums = [total + weight for total, weight in zip(sums, weights, strict=True)]
        return {
            kind: 1 / (1 + math.exp(-(bias + total * self.scale)))
            for kind, bias, total in zip(self.kinds, self.bias, sums, strict=True)
        }

    def to_bytes(self) -> bytes:
        """The model as its file holds it: a line of JSON (kinds, biases, scale), then each
        feature (4 bytes, little-endian) with its weights, compressed."""
        head = json.dumps({"kinds": self.kinds, "bias": self.bias, "scale": self.scale}).encode()
        features = array("I", sorted(self.weights))
        if features.itemsize != 4:  # pragma: no cover - every platform followup runs on
            raise RuntimeError("an unsigned int is not 4 bytes here")
        body = b"".join(array("b", self.weights[feature]).tobytes() for feature in features)
        return zlib.compress(head + b"\n" + _little(features).tobytes() + body, 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        raw = zlib.decompress(data)
        head, _, rest = raw.partition(b"\n")
        given = json.loads(head)
        kinds = tuple(given["kinds"])
        count = len(rest) // (4 + len(kinds))
        features = _little(array("I", rest[: 4 * count]))
        body = array("b", rest[4 * count :])
        width = len(kinds)
        weights = {feature: tuple(body[i * width : (i + 1) * width]) for i, feature in enumerate(features)}
        return cls(kinds, tuple(given["bias"]), weights, given["scale"])


def _little(numbers: array[int]) -> array[int]:
    """The numbers in little-endian order, whatever the machine's."""
    if sys.byteorder == "big":  # pragma: no cover
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers


NO_MODEL = Model((), (), {}, 1.0)  # the rules alone


@cache
def model() -> Model:
    """The shipped model, read the first time it is needed."""
    return Model.from_bytes(resources.files("followup.reading").joinpath(MODEL).read_bytes())
