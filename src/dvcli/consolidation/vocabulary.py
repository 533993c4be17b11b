"""The plan's vocabulary labels, and the areas a text is about (its own or its member's assignments)."""

from __future__ import annotations

from ..model import Assignment, Plan


class _Vocabulary:
    def __init__(self, plan: Plan) -> None:
        vocab = plan.vocabulary
        self.subjects = {term.id: term.label for term in vocab.subjects}
        self.fields = {term.id: term.label for term in vocab.fields}
        self.areas = {term.id: term.label for term in vocab.areas}
        self.area_order = [term.id for term in vocab.areas]
        self._active: list[Assignment] | None = None
        self._by_member: dict[str, list[Assignment]] = {}

    def area_ids(self, member: str, task: str | None, own: list[str], active: list[Assignment]) -> list[str]:
        """The areas a text is about: its own, else those of the member's assignment(s)."""
        if own:
            return own
        if self._active is not active:  # index by member once, not a scan per text (10,000 members)
            self._active, self._by_member = active, {}
            for assignment in active:
                self._by_member.setdefault(assignment.member, []).append(assignment)
        found: list[str] = []
        for assignment in self._by_member.get(member, ()):
            if task is None or assignment.task == task:
                found += [area for area in assignment.areas if area not in found]
        return found
