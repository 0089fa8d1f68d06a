import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from members.accounts import enrol_totp
from members.models import Organisation, Person, User

PASSWORD = "correct horse battery staple"

# Each run of the suite keeps its files in a folder of its own, named by the controlling
# process and passed to xdist's workers in the environment: two runs in one checkout must not
# clear or read each other's documents.
RUN_FOLDER = "HELSEFELLESSKAP_TEST_RUN"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def run_artifacts(kind):
    return ARTIFACTS / "runs" / os.environ[RUN_FOLDER] / kind


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controlling process, before any worker starts
        os.environ[RUN_FOLDER] = str(os.getpid())
        shutil.rmtree(ARTIFACTS / "runs" / os.environ[RUN_FOLDER], ignore_errors=True)


def pytest_unconfigure(config):
    # The documents stay for a look after a failed check; the counts have been reported.
    if not hasattr(config, "workerinput"):
        shutil.rmtree(run_artifacts("hostile"), ignore_errors=True)
        if not getattr(config, "_ehf_refused", False):
            shutil.rmtree(run_artifacts("ehf"), ignore_errors=True)
        if not any(run_artifacts("").iterdir() if run_artifacts("").is_dir() else ()):
            shutil.rmtree(run_artifacts(""), ignore_errors=True)


def pytest_sessionstart(session):
    from django.db.models.signals import post_save

    from finance.models import EhfDocument

    post_save.connect(_keep_ehf_document, sender=EhfDocument, dispatch_uid="tests-keep-ehf")


def _keep_ehf_document(sender, instance, created, **kwargs):
    """Keep what the product makes for every invoice and credit note: the document checked
    when it is issued, and the stored file with the PDF inside once it is made (R-FIN-7)."""
    import hashlib

    from finance import ehf

    if created:
        invoice = instance.invoice
        data = ehf.build(invoice, list(invoice.lines.all()), credited=invoice.credited_invoice)
    elif instance.sha256:
        with instance.file.open("rb") as handle:
            data = handle.read()
    else:
        return
    documents = run_artifacts("ehf")
    documents.mkdir(parents=True, exist_ok=True)
    (documents / f"{hashlib.sha256(data).hexdigest()}.xml").write_bytes(data)


def pytest_sessionfinish(session, exitstatus):
    """R-FIN-7: the official checker accepts every EHF document the suite made (0 fatal), in
    one run of the checker. A fatal error fails the run."""
    if hasattr(session.config, "workerinput") or not run_artifacts("ehf").is_dir():
        return
    from tests.ehf_checker import run

    documents = sorted(run_artifacts("ehf").glob("*.xml"))
    if not documents:
        return
    report, code, output = run(documents)
    bad = {path: problems for path, (fatal, problems) in report.items() if fatal}
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"validate-ehf: {len(documents)} EHF documents of the suite, "
                            f"{len(bad)} with a fatal error")
        for path, problems in bad.items():
            reporter.write_line(f"  {path}: {problems}")
    if bad or code != 0:
        session.config._ehf_refused = True
        if reporter is not None and not bad:
            reporter.write_line(output[-2000:])
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    counts = run_artifacts("hostile")
    if counts.is_dir():
        tried = sum(int(f.read_text()) for f in counts.glob("*.count"))
        terminalreporter.write_line(f"hostile input: {tried} inputs tried")


# Browser journeys run on their own with `make e2e`, which sets E2E=1.
collect_ignore_glob = [] if os.environ.get("E2E") else ["e2e/*"]


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language: a request in English leaves English active
    in the thread, and the next test on the same worker would otherwise inherit it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: sign-in counters and used one-time codes live
    there (allauth's rate limits), and on one worker they would otherwise count the attempts of
    earlier tests from the same address against this one's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def municipality_factory(db):
    def make(number, name=None, **fields):
        fields.setdefault("joined_on", datetime.date(2023, 1, 1))
        return Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, number=number, name=name or f"Kommune {number}",
            **fields,
        )

    return make


@pytest.fixture
def make_user(db):
    def make(email, role, **fields):
        user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0], role=role,
                                        **fields)
        if user.must_use_second_factor:
            # Enrolled, as the secretariat must be before any page of theirs opens; the
            # secret is kept for tests that sign in with a code (tests/members/test_mfa.py).
            user.totp_secret = enrol_totp(user)
        return user

    return make


@pytest.fixture
def cast(db, municipality_factory, make_user):
    """The users every access test speaks of (CONVENTIONS.md, Access)."""
    x = municipality_factory("1833", "Rana")
    y = municipality_factory("1824", "Vefsn")
    person_a = Person.objects.create(name="Representant A", email="a@example.org", organisation=x)
    person_b = Person.objects.create(name="Representant B", email="b@example.org", organisation=y)
    users = {
        "anonymous": None,
        "rep_a": make_user("rep.a@example.org", User.Role.REPRESENTATIVE, person=person_a),
        "rep_b": make_user("rep.b@example.org", User.Role.REPRESENTATIVE, person=person_b),
        "fin_x": make_user("fin.x@example.org", User.Role.FINANCE_OFFICER, municipality=x),
        "fin_y": make_user("fin.y@example.org", User.Role.FINANCE_OFFICER, municipality=y),
        "secretariat": make_user("sek@example.org", User.Role.SECRETARIAT),
    }
    return Cast(users=users, municipality_x=x, municipality_y=y,
                person_a=person_a, person_b=person_b)


class Cast:
    def __init__(self, **attributes):
        self.__dict__.update(attributes)

    def client(self, who):
        client = Client()
        if self.users[who] is not None:
            client.force_login(self.users[who])
        return client


@pytest.fixture
def secretariat_client(cast):
    return cast.client("secretariat")
