"""For every sequence of actions (with the store closed and reopened in between), the rules hold.

A simple model predicts which actions the rules allow; the log must agree, refuse everything
else without writing, keep a chain that verifies, and keep current state equal to a replay.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from desk.core.errors import DeskError
from desk.core.requests.models import HOWS, RELEASE_METHODS, RequestFilter
from desk.core.requests.replay import apply_request
from desk.core.requests.workflow import RequestLog

COUNSELORS = ("jdoe", "rroe", "kim")
STAFF = ("ann", "bo")
CLIENTS = ("Mary Smith", "José Ñandú", "Li Wei", "O'Brien-Kelly Anne")

request_index = st.integers(min_value=0, max_value=7)
counselor = st.sampled_from((*COUNSELORS, "nobody"))
staff = st.sampled_from((*STAFF, "ghost"))


class WorkflowMachine(RuleBasedStateMachine):
    """Drives a RequestLog next to a model of what the rules allow."""

    name: str
    opener: Callable[..., RequestLog]
    clock: Any

    def __init__(self) -> None:
        super().__init__()
        self.log: RequestLog = self.opener(self.name, clock=self.clock, workstation="ws-1")
        for staff_id in STAFF:
            self.log.add_staff(staff_id=staff_id, name=staff_id.title())
        for counselor_id in COUNSELORS:
            self.log.add_counselor(
                counselor_id=counselor_id,
                name=counselor_id.title(),
                email=f"{counselor_id}@example.org",
            )
        self.active = dict.fromkeys(COUNSELORS, True)
        self.requests: list[tuple[str, str]] = []  # (id, counselor)
        self.status: dict[str, str] = {}

    def teardown(self) -> None:
        self.log.close()

    def _attempt(self, allowed: bool, action: Any) -> Any:
        """Run an action; it must succeed exactly when the model allows it."""
        before = self.log.head()
        try:
            result = action()
        except DeskError as err:
            assert not allowed, f"refused but allowed: {err}"
            assert self.log.head() == before
            return None
        assert allowed, "allowed but the rules forbid it"
        return result

    def _pick(self, index: int) -> tuple[str, str] | None:
        return self.requests[index % len(self.requests)] if self.requests else None

    @rule(client=st.sampled_from(CLIENTS), counselor_id=counselor, staff_id=staff)
    def add_request(self, client: str, counselor_id: str, staff_id: str) -> None:
        allowed = self.active.get(counselor_id, False) and staff_id in STAFF
        made = self._attempt(
            allowed,
            lambda: self.log.add_request(
                client=client, counselor_id=counselor_id, staff_id=staff_id
            ),
        )
        if made is not None:
            self.requests.append((made.id, counselor_id))
            self.status[made.id] = "pending"

    @rule(
        index=request_index,
        by=counselor,
        staff_id=staff,
        how=st.sampled_from(HOWS),
        approve=st.booleans(),
    )
    def decide(self, index: int, by: str, staff_id: str, how: str, approve: bool) -> None:
        picked = self._pick(index)
        if picked is None:
            return
        rid, owner = picked
        allowed = (
            self.status[rid] == "pending"
            and by == owner
            and self.active[owner]
            and staff_id in STAFF
        )
        if approve:
            done = self._attempt(
                allowed, lambda: self.log.approve(rid, by=by, staff_id=staff_id, how=how)
            )
        else:
            done = self._attempt(allowed, lambda: self.log.decline(rid, by=by, staff_id=staff_id))
        if done is not None:
            self.status[rid] = "approved" if approve else "declined"

    @rule(index=request_index, staff_id=staff)
    def withdraw(self, index: int, staff_id: str) -> None:
        picked = self._pick(index)
        if picked is None:
            return
        rid, _ = picked
        allowed = self.status[rid] in ("pending", "approved") and staff_id in STAFF
        if self._attempt(allowed, lambda: self.log.withdraw(rid, staff_id=staff_id)) is not None:
            self.status[rid] = "withdrawn"

    @rule(
        index=request_index,
        staff_id=staff,
        method=st.sampled_from(RELEASE_METHODS),
        verified=st.booleans(),
    )
    def release(self, index: int, staff_id: str, method: str, verified: bool) -> None:
        picked = self._pick(index)
        if picked is None:
            return
        rid, owner = picked
        allowed = (
            self.status[rid] == "approved" and verified and self.active[owner] and staff_id in STAFF
        )
        email = self._attempt(
            allowed,
            lambda: self.log.release(
                rid, staff_id=staff_id, method=method, identity_verified=verified
            ),
        )
        if email is not None:
            assert email == f"{owner}@example.org"
            self.status[rid] = "released"

    @rule(index=request_index, staff_id=staff)
    def note(self, index: int, staff_id: str) -> None:
        picked = self._pick(index)
        if picked is not None:
            self._attempt(
                staff_id in STAFF,
                lambda: self.log.add_note(picked[0], staff_id=staff_id, text="note"),
            )

    @rule(counselor_id=st.sampled_from(COUNSELORS))
    def toggle_counselor(self, counselor_id: str) -> None:
        self.active[counselor_id] = not self.active[counselor_id]
        self.log.update_counselor(counselor_id, staff_id="admin", active=self.active[counselor_id])

    @rule(minutes=st.integers(min_value=0, max_value=3000))
    def pass_time(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @rule()
    def reopen(self) -> None:
        self.log.close()
        self.log = self.opener(self.name, clock=self.clock, workstation="ws-2")

    @invariant()
    def statuses_match_the_model(self) -> None:
        assert self.log.count(RequestFilter()) == len(self.requests)
        assert self.log.pending_count() == sum(s == "pending" for s in self.status.values())
        for rid, expected in self.status.items():
            assert self.log.get(rid).status == expected

    @invariant()
    def no_release_without_the_counselors_approval(self) -> None:
        for req in self.log.page(RequestFilter(status="released"), offset=0, limit=100):
            events = self.log.history(req.id)
            types = [e.type for e in events]
            approval = events[types.index("approved")]
            assert types.index("approved") < types.index("released")
            assert approval.payload["by"] == req.counselor_id

    @invariant()
    def state_is_a_replay_of_events(self) -> None:
        for rid, _ in self.requests:
            state = None
            for e in self.log.history(rid):
                assert e.request_id is not None
                state = apply_request(
                    state,
                    request_id=e.request_id,
                    type=e.type,
                    at=e.at,
                    staff_id=e.staff_id,
                    payload=e.payload,
                )
            assert state == self.log.get(rid)

    @invariant()
    def chain_verifies(self) -> None:
        report = self.log.verify(deep=True)
        assert report.ok, report.problem
        assert report.head == self.log.head()


def test_workflow_rules_hold_for_any_sequence(
    log_opener: Callable[..., RequestLog], clock: Any
) -> None:
    """No sequence of actions and reopenings breaks the approval rule, the chain or the replay."""
    runs = itertools.count()

    class Machine(WorkflowMachine):
        def __init__(self) -> None:
            self.name = f"run-{next(runs)}"
            self.opener = log_opener
            self.clock = clock
            super().__init__()

    run_state_machine_as_test(
        Machine, settings=settings(max_examples=50, stateful_step_count=30, deadline=None)
    )
