"""Rewrite fixtures/*.expected.json from the current pipeline (a deliberate act: review the diff)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import layoutkit  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

for expected in sorted(FIXTURES.glob("*.expected.json")):
    source = FIXTURES / expected.name.replace(".expected.json", ".txt")
    page = layoutkit.parse_file(source)
    d = page.to_dict()
    d["source"]["path"] = None
    expected.write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", expected.name)
