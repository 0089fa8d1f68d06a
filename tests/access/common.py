from .expect import LOGIN, PUBLIC, SECRETARIAT_ONLY


def objects(cast):
    return {}


EXPECTATIONS = {
    # Monitoring probes it without logging in.
    "common:healthz": (None, PUBLIC),
    "common:audit_log": (None, SECRETARIAT_ONLY),
}

__all__ = ["EXPECTATIONS", "LOGIN", "objects"]
