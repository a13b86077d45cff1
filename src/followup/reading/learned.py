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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
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
ENDINGS = (  # longest first: "fully" before "ly"
    "fully", "ations", "ation", "ments", "ment", "ings", "ing", "ness", "ful", "ies", "ied", "ed", "ly",
    "es", "s",
)  # fmt: skip
PAIR, TRIPLE = 40_009, 50_021  # primes: a pair's and a triple's hash, of its words' hashes
LONGEST_SENTENCE = 2_000  # characters of a sentence the model reads: what says a thing says it early
FIELD, LIFT = 32, 128  # bits of a kind's sum in a packed weight, and what each weight is moved up by
MASK = (1 << FIELD) - 1
FLIP = bytes(value ^ 0x80 for value in range(256))  # a signed byte's bits: the value + 128, unsigned


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


def stem(word: str) -> str:
    """A word without its ending, roughly: "regret", "regretfully" and "regrets" are one."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=65_536)
def _code(word: str) -> int:
    return zlib.crc32(word.encode()) % DIMENSIONS


@lru_cache(maxsize=65_536)
def _stem_code(word: str) -> int:
    return zlib.crc32(("~" + stem(word)).encode()) % DIMENSIONS


def features(sentence: str) -> set[int]:
    """The hashed features of a sentence: its words, word pairs and word triples, and where the
    sentence starts and ends; and, to read wording it has not met, its words' stems. Each word
    is hashed once, and a pair or a triple from its words' hashes (small numbers: the arithmetic
    stays fast). Chosen by cross-validation grouped by writer: pairs of stems, and stems a word
    apart, cost more and read no better."""
    said = ["<s>", *words(sentence), "</s>"]
    codes = [_code(word) for word in said]
    stems = [_stem_code(word) for word in said[1:-1]]
    pairs = [(a * PAIR + b) % DIMENSIONS for a, b in pairwise(codes)]
    found = set(codes[1:-1])
    found.update(pairs)
    found.update([(ab * TRIPLE + c) % DIMENSIONS for ab, c in zip(pairs, codes[2:], strict=False)])
    found.update(stems)
    return found


@dataclass(frozen=True)
class Model:
    """Per kind, a bias and a weight for each feature seen in training (kept as whole numbers,
    `scale` to a unit)."""

    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    # Each feature's weights (from -127 to 127, `scale` to a unit) packed in one whole number,
    # FIELD bits a kind, each weight moved up by LIFT: a sentence's sums for every kind are then
    # one sum of whole numbers.
    packed: dict[int, int] = field(repr=False)
    scale: float
    # Kinds found only where at least this likely (an acknowledgement's warm words: signals.py).
    floors: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(
        cls,
        kinds: tuple[str, ...],
        bias: tuple[float, ...],
        weights: dict[int, tuple[int, ...]],
        scale: float,
    ) -> Model:
        """A model of its weights: for each feature, its weight for each kind."""
        features = list(weights)
        body = array("b", [weight for feature in features for weight in weights[feature]]).tobytes()
        return cls(kinds, bias, _packed(features, body, len(kinds)), scale)

    @property
    def weights(self) -> dict[int, tuple[int, ...]]:
        """For each feature, its weight for each kind."""
        return {
            feature: tuple(((packed >> (FIELD * index)) & MASK) - LIFT for index in range(len(self.kinds)))
            for feature, packed in self.packed.items()
        }

    def likelihoods(self, sentence: str) -> dict[str, float]:
        """How likely the sentence says each kind, from 0 to 1."""
        if not self.packed:  # the rules alone
            return {}
        present = self.packed.keys() & features(sentence)
        total, lifted = sum(map(self.packed.__getitem__, present)), LIFT * len(present)
        found = {
            kind: 1 / (1 + math.exp(-(bias + (((total >> (FIELD * index)) & MASK) - lifted) * self.scale)))
            for index, (kind, bias) in enumerate(zip(self.kinds, self.bias, strict=True))
        }
        for kind, floor in self.floors:
            if found.get(kind, 1.0) < floor:
                del found[kind]
        return found

    def surer_of(self, kind: str, likelihood: float) -> Model:
        """The model, finding that kind only where it is at least this likely."""
        return replace(self, floors=(*self.floors, (kind, likelihood)))

    def to_bytes(self) -> bytes:
        """The model as its file holds it: a line of JSON (kinds, biases, scale), then each
        feature (4 bytes, little-endian) with its weights, compressed."""
        head = json.dumps({"kinds": self.kinds, "bias": self.bias, "scale": self.scale}).encode()
        weights = self.weights
        features = array("I", sorted(weights))
        if features.itemsize != 4:  # pragma: no cover - every platform followup runs on
            raise RuntimeError("an unsigned int is not 4 bytes here")
        body = b"".join(array("b", weights[feature]).tobytes() for feature in features)
        return zlib.compress(head + b"\n" + _little(features).tobytes() + body, 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        raw = zlib.decompress(data)
        head, _, rest = raw.partition(b"\n")
        given = json.loads(head)
        kinds = tuple(given["kinds"])
        count = len(rest) // (4 + len(kinds))
        features = _little(array("I", rest[: 4 * count]))
        packed = _packed(features, rest[4 * count :], len(kinds))
        return cls(kinds, tuple(given["bias"]), packed, given["scale"])


def _packed(features: Sequence[int], body: bytes, width: int) -> dict[int, int]:
    """Each feature's weights (`width` signed bytes each, in `body`) as one whole number: a
    weight's byte with its top bit flipped is the weight plus LIFT, and it is widened to FIELD
    bits with zero bytes, all in C."""
    step = FIELD // 8
    lifted = body.translate(FLIP)
    wide = bytearray(len(lifted) * step)
    wide[::step] = lifted
    size = width * step
    return {
        feature: int.from_bytes(wide[i * size : (i + 1) * size], "little")
        for i, feature in enumerate(features)
    }


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
