"""The page cache's bounds: the latest rendering per page, within a byte budget, across threads."""

from __future__ import annotations

import threading

from web.public.page_cache import CachedPage, PageCache


def page(marker: int, size: int) -> CachedPage:
    return CachedPage(marker, b"x" * size, f"etag-{marker}", ())


def test_a_page_is_served_only_under_the_marker_it_was_rendered_with() -> None:
    cache = PageCache(1000)
    cache.put("home", page(1, 10))
    assert cache.get("home", 1) is not None
    assert cache.get("home", 2) is None
    cache.put("home", page(2, 20))  # replaces the older rendering
    assert len(cache) == 1 and cache.used == 20


def test_the_least_recently_used_pages_go_first_past_the_budget() -> None:
    cache = PageCache(100)
    for name in ("a", "b", "c"):
        cache.put(name, page(1, 40))
    assert cache.get("a", 1) is None  # dropped to make room for c
    assert cache.get("b", 1) is not None  # now the most recent
    cache.put("d", page(1, 40))
    assert cache.get("c", 1) is None and cache.get("b", 1) is not None
    assert cache.used <= 100


def test_a_page_larger_than_the_budget_is_not_kept() -> None:
    cache = PageCache(100)
    cache.put("big", page(1, 101))
    assert len(cache) == 0 and cache.used == 0


def test_threads_sharing_the_cache_keep_its_accounting_exact() -> None:
    cache = PageCache(5000)

    def work(n: int) -> None:
        for i in range(300):
            cache.put(f"p{(n * 7 + i) % 50}", page(i, 10 + i % 90))
            cache.get(f"p{i % 50}", i)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.used == sum(len(p.body) for p in cache._pages.values()) <= 5000
