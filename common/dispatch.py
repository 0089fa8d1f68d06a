"""Publishing background work without depending on the broker being up.

The work itself is always in the database first (a queued e-mail row, a pending PDF, an
issuing run), so a broker that cannot be reached only delays it: the page still answers, and
common.tasks.redispatch_queued picks the work up once the broker is back.
"""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BROKER_ERRORS = (OperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def enqueue(task, *args):
    """Publish `task(*args)`; returns False, with a warning logged, if the broker is down."""
    try:
        task.apply_async(args=args)
    except BROKER_ERRORS as exc:
        logger.warning("Broker unreachable, %s%r left queued in the database: %s",
                       task.name, args, exc)
        return False
    return True
