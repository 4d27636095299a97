"""Fault isolation, with real processes: the worker and the clock as subprocesses on a
shared SQLite file, a real SMTP server (aiosmtpd), a server that accepts and never
answers, a closed port, the in-memory OpenSearch server, a worker killed with SIGKILL.

Each test asserts that requests (a submission through the public form, a staff sign-in,
a public page) answer in their normal time while a dependency hangs, that no complaint is
lost, and that after recovery every message is delivered exactly once. The bounds are
generous (a request under 3 s while the dependency hangs for 15 s): no flaky timing.
"""

import pytest

from .servers import HungServer, SmtpServer, free_port

# A request answers well within this while a dependency hangs (it hangs for 15 s).
REQUEST_BOUND = 3.0
# How long the dependency hangs before its client gives up.
HANG = 15

pytestmark = [pytest.mark.faults, pytest.mark.iso("8.1")]


def _assert_quick(results: dict) -> None:
    for name, result in results.items():
        assert result["status"] in (200, 302), (name, result)
        assert result["seconds"] < REQUEST_BOUND, (name, result)


def _outbox(world, channel: str) -> list[tuple]:
    return world.query(
        "SELECT id, state FROM workflow_outboxmessage WHERE channel = ? ORDER BY id", (channel,)
    )


def _running_tasks(world, task: str) -> int:
    return world.query(
        "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
        "AND task_path LIKE ?",
        (f"%{task}",),
    )[0][0]


def _cases(world) -> int:
    return world.query("SELECT COUNT(*) FROM workflow_case")[0][0]


def test_smtp_hung_then_down_then_back(world):
    port = free_port()
    hung = HungServer(port)
    world.env.update(EMAIL_URL=f"smtp://127.0.0.1:{port}", EMAIL_TIMEOUT=str(HANG))
    try:
        world.worker()
        world.clock()
        # A first complaint: its acknowledgement takes the worker to the hung server.
        first = world.probe("requests", "first@example.org")
        world.wait_for(
            lambda: _running_tasks(world, "outbox_deliver_task") and hung.accepted,
            timeout=60,
            what="the worker talking to the hung mail server",
        )
        # While it hangs, the site answers as usual.
        during = world.probe("requests", "during@example.org")
        _assert_quick(during)
    finally:
        hung.close()  # now down: connections refused
    down = world.probe("requests", "down@example.org")
    _assert_quick(down)
    world.wait_for(
        lambda: any(state == "failed" for _pk, state in _outbox(world, "email")),
        timeout=60,
        what="a delivery failing while the mail server is down",
    )
    smtp = SmtpServer(port)  # back, on the same address
    try:
        emails = world.wait_for(
            lambda: (
                (rows := _outbox(world, "email"))
                and all(state == "sent" for _pk, state in rows)
                and rows
            ),
            timeout=60,
            what="every email delivered once the mail server is back",
        )
        assert _cases(world) == 3  # no complaint lost
        # Every acknowledgement reached the server, each exactly once.
        received = sorted(smtp.message_ids())
        assert received == sorted(f"<outbox-{pk}@example.org>" for pk, _state in emails)
        recipients = {message["To"] for message in smtp.received}
        assert {"first@example.org", "during@example.org", "down@example.org"} <= recipients
        assert first["submission"]["status"] == 302
    finally:
        smtp.close()


def test_search_engine_hung_then_down_then_back(world, osmem):
    port = free_port()
    hung = HungServer(port)
    world.env.update(
        ELASTICSEARCH_URL=f"http://127.0.0.1:{port}",
        ELASTICSEARCH_TIMEOUT=str(HANG),
        SEARCH_ENGINE="opensearch",
        SEARCH_INDEX_PREFIX="faults",
    )
    try:
        world.worker()
        world.clock()
        world.probe("requests", "first@example.org")
        world.wait_for(
            lambda: _running_tasks(world, "outbox_deliver_task") and hung.accepted,
            timeout=60,
            what="the worker talking to the hung search engine",
        )
        _assert_quick(world.probe("requests", "during@example.org"))
    finally:
        hung.close()
    _assert_quick(world.probe("requests", "down@example.org"))
    world.wait_for(
        lambda: any(state == "failed" for _pk, state in _outbox(world, "search")),
        timeout=60,
        what="an index update failing while the engine is down",
    )
    # Back: the engine answers at another address; the worker is restarted with it, as a
    # deployment that moves the engine would (the updates waiting are not lost).
    world.kill("worker")
    world.kill("clock")
    world.env.update(ELASTICSEARCH_URL=osmem.url)
    world.worker()
    world.clock()
    world.wait_for(
        lambda: (rows := _outbox(world, "search")) and all(state == "sent" for _pk, state in rows),
        timeout=60,
        what="every index update delivered once the engine is back",
    )
    assert _cases(world) == 3
    from tests.search.conftest import osmem_client

    client = osmem_client(osmem.url)
    client.indices.refresh(index="faults-cases")
    ids = world.query("SELECT id FROM workflow_case")
    hits = client.search(index="faults-cases", query={"match_all": {}}, size=100)["hits"]
    assert sorted(int(hit["_id"]) for hit in hits["hits"]) == sorted(pk for (pk,) in ids)
    client.indices.delete(index="faults-*", ignore_unavailable=True)


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(world):
    # The server accepts the first email and hangs in the second one's DATA.
    smtp = SmtpServer(hang_from=2)
    world.env.update(EMAIL_URL=smtp.url, EMAIL_TIMEOUT=str(HANG))
    try:
        ids = world.probe("emails", "3")["ids"]
        world.worker("doomed")
        world.wait_for(
            lambda: smtp.data_started >= 2, timeout=60, what="the worker in the second email"
        )
        world.kill("doomed")  # SIGKILL, mid-batch: one sent, one in flight, one waiting
        smtp.hang_from = None
        world.worker()
        world.clock()
        world.wait_for(
            lambda: all(state == "sent" for pk, state in _outbox(world, "email") if pk in ids),
            timeout=20,
            what="the batch delivered promptly after the worker was killed",
        )
        assert sorted(smtp.message_ids()) == sorted(f"<outbox-{pk}@example.org>" for pk in ids)
        world.wait_for(
            lambda: _running_tasks(world, "") == 0,
            timeout=20,
            what="no task left RUNNING by the killed worker",
        )
    finally:
        smtp.close()
