"""The version DAG and the per-field merge, on their own (no database)."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.persistence.versioning import canonical_json
from app.sync.merge import MERGE_DEVICE, Node, RowGraph, conflict_id, merge_version_id

ROW = "01900000-0000-7000-8000-000000000001"
BASE = {"id": ROW, "deleted": False, "notes": "", "bag_number": "1", "storage_location": "", "sender_tag": "T-1",
        "sender_tag_norm": "t-1", "updated_at": "2026-06-01T10:00:00.000", "updated_by": None,
        "created_at": "2026-06-01T10:00:00.000"}


class History:
    """Builds versions the way devices make them: each edit's parent is the version it was made on."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.n = 0
        self.root = self.add(None, {}, "KH01")

    def add(self, parent: str | None, changes: dict[str, Any], device: str, extra_parents: tuple[str, ...] = (),
            resolves: tuple[tuple[str, str], ...] = ()) -> str:
        self.n += 1
        snap = dict(self.nodes[parent].snapshot if parent else BASE)
        snap.update(changes)
        snap["updated_at"] = f"2026-06-01T10:{self.n:02d}:00.000"
        vid = f"01900000-0000-7000-8000-{self.n:012d}"
        parents = ((parent,) if parent else ()) + extra_parents
        self.nodes[vid] = Node(vid, parents, f"{1_780_000_000_000 + self.n:013d}-00000-{device}",
                               canonical_json(snap), device_code=device, author_name=device.lower(), resolves=resolves)
        return vid

    def graph(self, *, leave_out: tuple[str, ...] = ()) -> RowGraph:
        return RowGraph("cases", [n for v, n in self.nodes.items() if v not in leave_out])

    def merge(self, heads: list[str]) -> str:
        """Store the merge version a replica would compute for these heads."""
        m = RowGraph("cases", list(self.nodes.values())).merge(heads)
        self.nodes[m.version_id] = Node(m.version_id, m.parents, m.hlc, canonical_json(m.snapshot), is_merge=True,
                                        device_code=MERGE_DEVICE)
        return m.version_id


def test_one_line_of_edits_is_its_last_version() -> None:
    h = History()
    a = h.add(h.root, {"notes": "x"}, "KH01")
    b = h.add(a, {"notes": "y"}, "KH02")
    state = h.graph().state()
    assert state.head == b and state.new_merge is None and not state.incomplete


def test_different_fields_combine_and_the_same_field_conflicts() -> None:
    h = History()
    a = h.add(h.root, {"notes": "from A", "storage_location": "Shelf A"}, "KH01")
    b = h.add(h.root, {"bag_number": "7", "storage_location": "Shelf B"}, "KH02")
    g = h.graph()
    state = g.state()
    m = state.new_merge
    assert m is not None and m.version_id == merge_version_id([a, b]) == state.head
    assert m.parents == tuple(sorted((a, b))) and m.hlc == max(h.nodes[a].hlc, h.nodes[b].hlc)
    assert m.snapshot["notes"] == "from A" and m.snapshot["bag_number"] == "7"
    (c,) = m.conflicts
    assert c.field == "storage_location" and c.base_value == "" and c.provisional == "Shelf B"  # b is later
    assert [(x.version_id, x.value) for x in c.candidates] == [(a, "Shelf A"), (b, "Shelf B")]
    assert [cid for cid, _, _ in g.conflicts(state)] == [conflict_id(m.version_id, "storage_location")]


def test_an_edit_undone_is_still_an_edit() -> None:
    """Set to another value and back: that side still says "this value", so it competes."""
    h = History()
    a1 = h.add(h.root, {"notes": "draft"}, "KH01")
    a2 = h.add(a1, {"notes": ""}, "KH01")
    b = h.add(h.root, {"notes": "from B"}, "KH02")
    m = h.graph().merge([a2, b])
    assert [c.field for c in m.conflicts] == ["notes"]
    assert {x.value for x in m.conflicts[0].candidates} == {"", "from B"}


def test_a_side_that_did_not_touch_the_field_gives_way() -> None:
    h = History()
    a = h.add(h.root, {"notes": "from A"}, "KH01")
    b = h.add(h.root, {"bag_number": "9"}, "KH02")
    c = h.add(h.root, {"bag_number": "9"}, "KH03")  # the same value twice is no conflict
    m = h.graph().merge([a, b, c])
    assert m.conflicts == [] and m.snapshot["notes"] == "from A" and m.snapshot["bag_number"] == "9"


def test_a_deletion_against_an_edit_is_a_conflict_with_the_deletion_provisional() -> None:
    h = History()
    d = h.add(h.root, {"deleted": True}, "KH02")
    e = h.add(h.root, {"notes": "seen at the morgue"}, "KH01")  # later than the deletion
    m = h.graph().merge([d, e])
    (c,) = m.conflicts
    assert c.field == "deleted" and c.provisional is True and m.snapshot["deleted"] is True
    assert m.snapshot["notes"] == "seen at the morgue"  # the edit is kept in the tombstone
    assert {(x.version_id, x.value) for x in c.candidates} == {(d, True), (e, False)}
    both = History()
    x = both.add(both.root, {"deleted": True}, "KH01")
    y = both.add(both.root, {"deleted": True, "notes": "n"}, "KH02")
    assert both.graph().merge([x, y]).conflicts == []  # two deletions agree


def test_search_forms_follow_their_field() -> None:
    h = History()
    a = h.add(h.root, {"sender_tag": "UA-1", "sender_tag_norm": "ua-1"}, "KH01")
    b = h.add(h.root, {"sender_tag": "UA-2", "sender_tag_norm": "ua-2"}, "KH02")
    m = h.graph().merge([a, b])
    assert [c.field for c in m.conflicts] == ["sender_tag"]  # not a second conflict on the search form
    assert (m.snapshot["sender_tag"], m.snapshot["sender_tag_norm"]) == ("UA-2", "ua-2")


def test_a_resolution_settles_the_conflict_and_wins_over_an_unrelated_edit() -> None:
    h = History()
    a = h.add(h.root, {"notes": "A"}, "KH01")
    b = h.add(h.root, {"notes": "B"}, "KH02")
    m = h.merge([a, b])
    cid = conflict_id(m, "notes")
    r = h.add(m, {"notes": "B"}, "HQ01", resolves=((cid, "notes"),))  # keeps the provisional value
    other = h.add(m, {"bag_number": "5"}, "KH03")  # someone else edits another field meanwhile
    g = h.graph()
    state = g.state()
    assert state.new_merge is not None and state.new_merge.conflicts == []
    assert state.snapshot["notes"] == "B" and state.snapshot["bag_number"] == "5"
    assert g.resolutions() == {cid: r}
    assert [x for x, _, _ in g.conflicts(state)] == [cid]
    assert other


def test_missing_history_waits_and_a_cycle_does_not_hang() -> None:
    h = History()
    a = h.add(h.root, {"notes": "A"}, "KH01")
    b = h.add(h.root, {"notes": "B"}, "KH02")
    state = h.graph(leave_out=(h.root,)).state()
    assert state.incomplete and state.head == b and state.new_merge is None
    looped = RowGraph("cases", [Node("x", ("y",), "2", canonical_json(BASE)), Node("y", ("x",), "1", canonical_json(BASE))])
    assert looped.state().incomplete
    assert a


ops = st.lists(
    st.tuples(st.sampled_from(["edit", "edit", "edit", "merge", "delete"]), st.integers(0, 2),
              st.sampled_from(["notes", "bag_number", "storage_location"]), st.integers(0, 2)),
    min_size=1, max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(ops=ops)
def test_merges_made_on_the_way_do_not_change_the_result(ops: list[tuple[str, int, str, int]]) -> None:
    """Three devices edit and sometimes merge what they hold; the final state is the same
    whether the intermediate merge versions are known or not, and whatever order the
    versions are listed in."""
    h = History()
    tips = [h.root, h.root, h.root]
    devices = ("KH01", "KH02", "KH03")
    for op, who, field_name, value in ops:
        if op == "edit":
            tips[who] = h.add(tips[who], {field_name: f"v{value}"}, devices[who])
        elif op == "delete":
            tips[who] = h.add(tips[who], {"deleted": True}, devices[who])
        else:  # the device receives another's versions and merges
            other = tips[(who + 1) % 3]
            g = h.graph()
            front = g.maximal([tips[who], other])
            if len(front) == 2:
                tips[who] = h.merge(front)
            else:
                tips[who] = front[0]
    full = h.graph()
    final = full.state()
    merges = [v for v, n in h.nodes.items() if n.is_merge]
    needed = set()
    for v, n in h.nodes.items():
        if not n.is_merge:
            needed |= {a for a in full.ancestors(v) if h.nodes[a].is_merge}
    stale = tuple(m for m in merges if m not in needed)
    lean = h.graph(leave_out=stale).state()
    assert lean.head == final.head and canonical_json(lean.snapshot) == canonical_json(final.snapshot)
    for order in itertools.islice(itertools.permutations(list(h.nodes.values())), 3):
        again = RowGraph("cases", list(reversed(order))).state()
        assert again.head == final.head
    # a value a device holds at the end is the result, or kept in a conflict, or the one it
    # shared with the others before they parted (it did not write that field since)
    kept = {(c.field, canonical_json(x.value)) for _, _, c in full.conflicts(final) for x in c.candidates}
    front = full.frontier()
    for tip in front:
        for field_name in ("notes", "bag_number", "storage_location", "deleted"):
            mine = canonical_json(h.nodes[tip].snapshot[field_name])
            if mine == canonical_json(final.snapshot[field_name]) or (field_name, mine) in kept:
                continue
            assert any(field_name not in full.written_since(tip, y) for y in front if y != tip), (tip, field_name)
