"""JSON-LD in a <script> element: the same data back, and nothing that can end the element."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sitegen.structured import json_ld

HOSTILE = st.text(alphabet=st.sampled_from(list("a<>&/!-é\u2028\u2029\"'\\ ")), max_size=40)


@given(st.dictionaries(HOSTILE, HOSTILE | st.lists(HOSTILE, max_size=3), max_size=4))
def test_the_data_reads_back_and_the_script_cannot_be_closed(data: dict[str, object]) -> None:
    text = str(json_ld(data))
    assert json.loads(text) == data
    assert not any(mark in text for mark in ("<", ">", "&", "\u2028", "\u2029"))
