"""台账字典（代码表）种子数据: common.py holds the general lists, seed/codes/<family>.py each family's, every
module under one name, `CODE_LISTS` (key -> (代码表名称, [(代码, 名称), ...]), list order = display order).
`code_lists()` collects them all, modules found automatically: a new family adds only its own file."""

from __future__ import annotations

import importlib
import pkgutil

CodeLists = dict[str, tuple[str, list[tuple[str, str]]]]


def code_lists() -> CodeLists:
    """Every module's lists: common.py's first, then the families' by module name. A list key declared by
    two modules, or a module without CODE_LISTS, stops the seeding."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__))
    merged: CodeLists = {}
    owner: dict[str, str] = {}
    for name in sorted(names, key=lambda name: name != "common"):
        module = importlib.import_module(f"{__name__}.{name}")
        for key, code_list in module.CODE_LISTS.items():
            if key in merged:
                raise ValueError(f"code list {key!r} declared in seed/codes/{owner[key]}.py and {name}.py")
            merged[key], owner[key] = code_list, name
    return merged
