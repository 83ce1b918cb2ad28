"""The aligner's row scorer against the plain one, bead by bead, with one scorer kept across rows.

`_Scorer.row` scores one source side against a row of target sides and remembers, across rows,
which name keys it found among which candidates; every score must still be the plain scorer's,
to the last bit, however often a scorer has met a name before (and after its memory is cut).
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from retranslate.language import align as aligner
from test_align_fast import _plain_scorer
from test_align_memory import _all_sides


@pytest.mark.parametrize("memo_max", [aligner._MEMO_MAX, 3])
def test_rows_are_the_plain_scores_bead_by_bead(monkeypatch: pytest.MonkeyPatch,
                                                memo_max: int) -> None:
    monkeypatch.setattr(aligner, "_MEMO_MAX", memo_max)
    monkeypatch.setattr(aligner, "_COMPARED_MAX", max(1, memo_max // 2))
    src, tgt = _all_sides(cut=True)  # every test pair end to end, as `align` builds them
    pairs = [a.merged(b) for a, b in pairwise(tgt)]
    named = 0
    for priors in (aligner._PRIORS, aligner._PARAGRAPH_PRIORS):
        fast, plain = aligner._scorer(1.2, priors), _plain_scorer(1.2, priors)
        for i in range(0, len(src) - 1, 3):
            window = range(max(0, i - 8), min(len(tgt) - 1, i + 8))
            for s in (src[i], src[i].merged(src[i + 1])):
                for shape, targets in (((1, 1), [tgt[j] for j in window]),
                                       ((1, 2), [pairs[j] for j in window])):
                    assert fast.row(s, targets, shape) == [plain(s, t, shape) for t in targets]
                    named += bool(s.names) and any(t.names for t in targets)
    assert named > 100  # names were compared, often
