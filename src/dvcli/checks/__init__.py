"""Every rule ``dvcli check`` runs, one module per kind of rule; each returns every problem it finds.

- ``plan_roster``: the plan and the roster (ids, references, vocabulary) and ``Finder``, which
  builds a file's problems with line numbers;
- ``records``: assignments and reports (member, task, period, indicators, path matches content) —
  also run by ``report new`` on a draft, so a report that can be saved checks clean;
- ``issued``: issued reports (sealed sources still hold, numbers unique per term);
- ``corrections``: withdrawals and reviews (member, place matches content);
- ``leftovers``: temporary files a killed write left behind.
"""

from __future__ import annotations

from .plan_roster import Finder, check_plan, check_roster

__all__ = ["Finder", "check_plan", "check_roster"]
