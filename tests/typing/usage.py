"""A tool author's typed use of the public API; tests/test_public_api.py runs mypy on it.

Each ``reveal_type`` must name the concrete result type (the test reads mypy's notes).
"""

import competence_bridge

bridge = competence_bridge.load()
reveal_type(bridge)  # noqa: F821
reveal_type(bridge.translate("zorgkundige", to="NL"))  # noqa: F821
reveal_type(bridge.translate("zorgkundige", to="NL").candidates[0])  # noqa: F821
reveal_type(bridge.compare("vl:bk-zorgkundige", "nl:crebo-25656"))  # noqa: F821
reveal_type(bridge.search("lasser"))  # noqa: F821
reveal_type(bridge.item("zorgkundige"))  # noqa: F821
reveal_type(bridge.level("vks", "5"))  # noqa: F821
reveal_type(bridge.recognitions("havo"))  # noqa: F821
reveal_type(bridge.mapping_set())  # noqa: F821
reveal_type(competence_bridge.read_sssom("x.sssom.tsv"))  # noqa: F821
