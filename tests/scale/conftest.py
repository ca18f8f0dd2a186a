"""A frozen, settable clock for the scale tests (the workflow tests' one)."""

from tests.workflow.conftest import today

__all__ = ["today"]
