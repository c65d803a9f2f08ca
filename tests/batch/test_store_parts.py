"""The member store keeps each member and what was kept beside it as two parts (issue 29, third
session): every way of reading them back gives what was appended, in input order, dropped ones left out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upskill.batch.store import MemberStore
from upskill.planning.members import Member


def _member(number: int) -> Member:
    return Member(f"E{number}", f"Person {number}", "", "role", bytes([number % 256]), b"", 1.5, 3, "", "", 0, 1)


def test_every_read_gives_what_was_appended_in_order():
    store = MemberStore()
    kept = [((f"learner {n}", (n, "x" * n)), b"plan" * n) for n in range(300)]  # over a block: several reads
    for n, extra in enumerate(kept):
        store.append(_member(n), f"in/{n}.yaml", extra if n % 7 else None)
    store.drop(5)
    store.drop(299)
    live = [n for n in range(300) if n not in (5, 299)]
    want = [(f"in/{n}.yaml", _member(n), kept[n] if n % 7 else None) for n in live]
    assert list(store.triples()) == want
    assert list(store.records()) == [(label, member) for label, member, _ in want]
    assert list(store) == [member for _, member, _ in want]
    assert list(store.labels()) == [label for label, _, _ in want]
    assert list(store.extras()) == [extra for _, _, extra in want]
    assert [store.extra(i) for i in range(len(store))] == [extra for _, _, extra in want]
    assert store.record(5) == ("in/5.yaml", _member(5))
    assert store.find("e7") == 7
    store.close()


def test_large_records_are_read_back_whole(monkeypatch):
    import upskill.batch.store as module

    monkeypatch.setattr(module, "_BLOCK", 64)  # each record larger than a block
    store = MemberStore()
    for n in range(20):
        store.append(_member(n), f"in/{n}.yaml", (b"p" * 200, n))
    assert [extra[1] for extra in store.extras()] == list(range(20))
    assert [member.id for member in store] == [f"E{n}" for n in range(20)]
    store.close()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.binary(max_size=3000), min_size=1, max_size=4), min_size=1, max_size=12),
    st.booleans(),
    st.sampled_from([64, 1 << 20]),
)
def test_parts_written_one_after_the_other_read_back_as_appended(records, private, block):
    # `append` writes a record's parts one after the other (a kept plan's ~16 KB is not copied into one
    # joined record first): each part, of any size and any count, reads back where it was put
    import upskill.batch.store as module

    old, module._BLOCK = module._BLOCK, block
    try:
        store = MemberStore(private=private, clear_from=2 if private else None)
        for n, parts in enumerate(records):
            store.append(_member(n), f"in/{n}.yaml", *parts)
        for k in range(4):
            assert [store.extra(n, k) for n, parts in enumerate(records) if k < len(parts)] == [
                parts[k] for parts in records if k < len(parts)
            ]
        assert [(label, member, extra) for label, member, extra in store.triples()] == [
            (f"in/{n}.yaml", _member(n), parts[0]) for n, parts in enumerate(records)
        ]
        store.close()
    finally:
        module._BLOCK = old
