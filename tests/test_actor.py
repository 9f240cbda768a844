"""The acting identity: local by default, scoped to a block, apart per thread."""

import threading

from powermap import actor


def test_default_is_local_user():
    assert actor.current() == actor.local()
    assert actor.current().user_id is None


def test_acting_as_is_scoped_and_restored():
    before = actor.current()
    with actor.acting_as(actor.Actor("li.na", 7)):
        assert actor.current() == actor.Actor("li.na", 7)
        with actor.acting_as(actor.Actor("wang", 9)):
            assert actor.current().login == "wang"
        assert actor.current().user_id == 7
    assert actor.current() == before


def test_threads_do_not_see_each_other():
    seen = {}
    barrier = threading.Barrier(2)

    def work(login, user_id):
        with actor.acting_as(actor.Actor(login, user_id)):
            barrier.wait()
            seen[login] = actor.current().user_id

    threads = [threading.Thread(target=work, args=("a", 1)),
               threading.Thread(target=work, args=("b", 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"a": 1, "b": 2}
