"""The mutation score per module of the last `mutmut run` (`make mutation` prints it): caught / all mutants
of each mutated file, caught being killed by a test or timed out (a mutant that hangs fails the suite), from
the results mutmut keeps beside the mutants. Mutants not checked yet (a run stopped or narrowed by MUTANTS)
are shown apart and not counted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

COUNTED = ("killed", "survived", "no tests", "timeout", "suspicious")


def scores(root: Path = Path("mutants")) -> dict[str, Counter[str]]:
    found = {}
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            module = str(meta.relative_to(root)).removesuffix(".meta")
            found[module] = Counter(status_by_exit_code[code] for code in codes.values())
    return found


def main() -> None:
    for module, counts in scores().items():
        total = sum(counts[status] for status in COUNTED)
        caught = counts["killed"] + counts["timeout"]
        score = f"{100 * caught / total:5.1f} %" if total else "  n/a  "
        rest = ", ".join(f"{counts[s]} {s}" for s in (*COUNTED[1:], "not checked") if counts[s])
        print(f"{module:40} {score}  {caught}/{total} caught{'; ' + rest if rest else ''}")


if __name__ == "__main__":
    main()
