"""Throttles that hold under parallel requests and across web workers: the counts live in the database."""

import secrets
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher

from tests.support.factories import World
from tests.support.web import CHEAP_HASHER, PASSWORD, TestClient, client_for, form_token
from web.link_safety import FAILURE_LIMIT
from workflow.network.accounts import EMAIL_FAILURE_LIMIT, use_password_hasher


class CountingHasher(PasswordHasher):
    """The tests' cheap argon2, counting every password it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checked = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.checked += 1
        return super().verify(hash, password)


@contextmanager
def counting_password_checks() -> Iterator[CountingHasher]:
    hasher = CountingHasher()
    use_password_hasher(hasher)
    try:
        yield hasher
    finally:
        use_password_hasher(CHEAP_HASHER)


def _at_once(count: int, attempt: Callable[[], int]) -> list[int]:
    """Run ``attempt`` in ``count`` threads released together; their status codes (599: an exception)."""
    barrier = threading.Barrier(count)
    statuses = [0] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            statuses[index] = attempt()
        except Exception:
            statuses[index] = 599

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def _wrong_password(client: TestClient, token: str) -> Callable[[], int]:
    def attempt() -> int:
        return client.post("/login", data={"email": "lead@example.org", "password": "falsch-falsch",
                                           "csrf_token": token, "next": "/tasks"}).status_code
    return attempt


def test_thirty_parallel_wrong_passwords_check_at_most_five_and_all_are_answered(web_world: World) -> None:
    with client_for(web_world) as client, counting_password_checks() as hasher:
        token = form_token(client)
        bursts = [Counter(_at_once(30, _wrong_password(client, token))) for _ in range(2)]
        right_password = client.post("/login", data={"email": "lead@example.org", "password": PASSWORD,
                                                     "csrf_token": token, "next": "/tasks"})
    print(f"\n{web_world.db.engine.dialect.name}: {hasher.checked} passwords checked of 60 parallel wrong "
          f"ones in two bursts; answers {dict(bursts[0])}, then {dict(bursts[1])}")
    assert hasher.checked <= EMAIL_FAILURE_LIMIT
    assert bursts[0] == {401: hasher.checked, 429: 30 - hasher.checked}  # no 409, no 500
    assert bursts[1] == {429: 30}
    assert right_password.status_code == 429  # the lock holds for the right password too


def test_parallel_sign_ins_of_different_people_from_one_office_all_get_in(web_world: World) -> None:
    people = [web_world.lead, web_world.member, web_world.chair, web_world.secretariat, web_world.deputy]
    with client_for(web_world) as client:
        token = form_token(client)
        turn = iter(people)
        lock = threading.Lock()

        def attempt() -> int:
            with lock:
                person = next(turn)
            return client.post("/login", data={"email": person.email, "password": PASSWORD,
                                               "csrf_token": token, "next": "/tasks"}).status_code

        assert _at_once(len(people), attempt) == [303] * len(people)


def test_two_web_workers_share_one_count_of_wrong_links(web_world: World) -> None:
    with client_for(web_world) as first, client_for(web_world) as second:
        half = FAILURE_LIMIT // 2
        for worker in [first] * half + [second] * (FAILURE_LIMIT - half):
            assert worker.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code == 404
        assert first.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code == 429
        assert second.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code == 429


def test_parallel_wrong_links_are_all_counted(web_world: World) -> None:
    with client_for(web_world) as client:
        statuses = _at_once(FAILURE_LIMIT, lambda: client.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code)
        assert statuses == [404] * FAILURE_LIMIT
        assert client.get(f"/stelle/{secrets.token_urlsafe(32)}").status_code == 429
