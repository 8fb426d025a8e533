"""Personnel for guarding TPS: the pooling rule and special TPS."""

from __future__ import annotations

import pytest

from sejuk.tps.personnel import Rule, desa_need, parse_ratio
from sejuk.tps.roster import (
    SPECIAL_KINDS,
)


def test_personnel_rule_pools_per_desa_and_special_minimum() -> None:
    rule = Rule()
    need = desa_need([(1, None)] * 3 + [(2, None), (3, None), (1, "lapas")], rule)
    # ceil(3*2/5)=2 + 1 + 2, plus a special TPS at least 2
    assert need.police == 7 and need.special == 1
    assert need.tps == {"Kurang Rawan": 4, "Rawan": 1, "Sangat Rawan": 1}
    assert str(parse_ratio("2-4-8")) == "2:4:8"
    with pytest.raises(ValueError, match="at least 1"):
        parse_ratio("0:5")


@pytest.mark.parametrize("kind", sorted(SPECIAL_KINDS))
def test_every_special_kind_the_roster_accepts_gets_its_own_guard(kind: str) -> None:
    need = desa_need([(1, kind)], Rule())
    assert need.special == 1 and need.police == Rule().special_min
