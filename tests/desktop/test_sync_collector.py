"""The cycle collector is held back while syncs run and its threshold comes back when
the last one ends, however the syncs of several threads overlap."""

import gc
import threading

from desktop.sync.collector import SYNC_THRESHOLD, fewer_collections


def test_the_threshold_comes_back_after_overlapping_syncs():
    before = gc.get_threshold()
    inside = threading.Event()
    release = threading.Event()
    seen = []

    def other_sync():
        with fewer_collections():
            seen.append(gc.get_threshold()[0])
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other_sync)
    with fewer_collections():
        assert gc.get_threshold()[0] == max(SYNC_THRESHOLD, before[0])
        t.start()
        assert inside.wait(10)
    # This sync ended first: the other one still runs held back.
    assert gc.get_threshold()[0] == max(SYNC_THRESHOLD, before[0])
    release.set()
    t.join(10)
    assert seen == [max(SYNC_THRESHOLD, before[0])]
    assert gc.get_threshold() == before


def test_the_threshold_comes_back_when_a_sync_fails():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise RuntimeError("cut")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
