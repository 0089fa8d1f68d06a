import json
from importlib import import_module

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand

from members.models import User

# Apps add their key pages for the benchmark: pages(users) -> [(label, path, role)], and
# may time PDF work with pdf_work(users, raw_render) -> rows (see bench_pdf).
BENCH_MODULES = ["meetings.bench", "finance.bench"]
ROLES = {"secretariat": "sekretariat@skala.example",
         "representative": "representant@skala.example",
         "finance_officer": "okonomi@skala.example"}


def bench_users():
    return {role: User.objects.get(email=email) for role, email in ROLES.items()}


class Command(BaseCommand):
    help = "Sessions and key page paths for the benchmark, as JSON (used by scripts/bench.py)."

    def handle(self, *args, **options):
        users = bench_users()
        sessions = {}
        for role, user in users.items():
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "members.backends.RoleBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            sessions[role] = session.session_key
        pages, pdf = [], False
        for name in BENCH_MODULES:
            module = import_module(name)
            pages += module.pages(users)
            pdf = pdf or hasattr(module, "pdf_work")
        self.stdout.write(json.dumps({"sessions": sessions, "pages": pages, "pdf": pdf}))
