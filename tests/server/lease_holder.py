"""A second program on the shared database, for tests/server/test_two_programs.py: connects with the URL it is
given, takes the report's edit lease, says so on stdout (one line) and renews the lease every RENEW seconds until
it is killed. Run as `python -m tests.server.lease_holder URL REPORT_ID RENEW`."""

from __future__ import annotations

import sys
import time

from storage.server import ServerRepository


def main(url: str, report_id: int, renew_every: float) -> int:
    repo = ServerRepository.connect(url)
    lease = repo.take_lease(report_id)
    print("taken" if lease.mine else "refused", repo.login, flush=True)
    if not lease.mine:
        return 1
    for _ in range(600):  # bounded: the test kills it long before
        time.sleep(renew_every)
        if repo.keep_lease(report_id) != "renewed":
            print("lost", flush=True)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
