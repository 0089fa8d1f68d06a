"""A new secretariat at work, through the product's pages only: every change is a POST to a
page as a browser would send it; the database is only read, to find what a page made (the
address of a new body, say). Shared by the five configurations' tests."""

import datetime
import re
import zoneinfo

import time_machine
from django.urls import reverse
from django.utils.text import slugify

from finance.models import Budget, CostModel, Invoice
from meetings import tasks
from meetings.models import Body, Case, Meeting, Minutes, Seat, SecretariatTerm
from members.demo import made_up_organisation_number
from members.models import Organisation, Person, User
from tests.totp import totp

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
BANK_ACCOUNT = "45000000039"


def moment(day, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)


class Secretariat:
    """The secretariat's browser: posts forms and insists that each one was accepted."""

    def __init__(self, client, user, partnership, year, after_commit):
        self.client, self.user, self.p, self.year = client, user, partnership, year
        # Runs the work each page leaves for after its commit (e-mail, PDFs, issuing) as the
        # in-process setup does.
        self.after_commit = after_commit
        self.people = {}
        self.totp_secret = None  # what the authenticator app holds once it is set up

    def sign_in(self):
        """Sessions end after a while; each working day of the test starts with the login
        page: the password, then the authenticator app's code. The first time, the product
        guides the superuser to set the app up from the secret its page shows."""
        self.client.post(reverse("account_logout"))
        response = self.client.post(reverse("account_login"), {
            "login": self.user.email, "password": self.user.test_password})
        if self.totp_secret is None:
            page = self.client.get(reverse("start"), follow=True)
            assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
            self.totp_secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"',
                                         page.content.decode())[1]
            self.post("mfa_activate_totp", {"code": totp(self.totp_secret)})
        else:
            assert response["Location"] == reverse("mfa_authenticate")
            self.post("mfa_authenticate", {"code": totp(self.totp_secret)})

    def travel(self, when):
        """To another day of the year; the clock stands still while the test works there."""
        return time_machine.travel(when, tick=False)

    def read(self, name, *args):
        return self.client.get(reverse(name, args=args)).content.decode()

    def post(self, name, data, *args, expect=302, query=""):
        with self.after_commit(execute=True):
            response = self.client.post(reverse(name, args=args) + query, data)
        assert response.status_code == expect, (name, response.status_code,
                                                _errors(response))
        return response

    def refused(self, name, data, *args):
        """A form the page turns down: it comes back with its message; returns the page."""
        return self.post(name, data, *args, expect=200).content.decode()

    # The partnership, its members and people -----------------------------------------------

    def organisation(self, kind, name, **fields):
        self.post("members:organisation_create", {"kind": kind, "name": name, **fields})
        return Organisation.objects.get(kind=kind, name=name)

    def set_up_members(self):
        trust = self.organisation("hospital_trust", self.p.trust,
                                  organisation_number=made_up_organisation_number("9839"))
        self.councils = {}
        for index, (council, municipalities) in enumerate(self.p.councils.items()):
            self.councils[council] = self.organisation(
                "regional_council", council,
                organisation_number=made_up_organisation_number(f"99{index}1000"))
            for number, name, _population in municipalities:
                self.organisation(
                    "municipality", name, number=number,
                    organisation_number=made_up_organisation_number(f"964{number}"),
                    regional_council=self.councils[council].pk,
                    joined_on=f"{self.year - 3}-01-01", invoice_reference=f"HF/{number}",
                    email=f"postmottak@k{number}.example")
        host = Organisation.objects.get(number=self.p.host)
        self.post("members:partnership_edit", {
            "name": self.p.name, "hospital_trust": trust.pk, "host_municipality": host.pk,
            "organisation_number": host.organisation_number, "bank_account": BANK_ACCOUNT,
            "street_address": "Rådhusgata 1", "postcode": "8656", "city": "Mosjøen",
            "email": "post@helsefellesskap.example"})
        self.trust = trust

    def person(self, name, title, organisation):
        email = slugify(name).replace("-", ".") + "@example.org"
        self.post("members:person_create", {"name": name, "email": email, "title": title,
                                            "organisation": organisation.pk})
        self.people[name] = Person.objects.get(email=email)
        return self.people[name]

    def municipalities(self):
        return [Organisation.objects.get(number=number)
                for members in self.p.councils.values() for number, _n, _p in members]

    # Bodies, seats, the secretariat -----------------------------------------------------------

    def set_up_bodies(self):
        """Each body of its kind, the rules it is given typed in and the rest left empty."""
        for spec in self.p.bodies:
            data = {"kind": spec.kind, "name": spec.name, "short_name": spec.short,
                    "is_public": "on", "opening_items": "on", **spec.rules}
            if spec.reports_to:
                data["parent"] = Body.objects.get(short_name=spec.reports_to).pk
            if spec.region:
                data["region"] = self.councils[spec.region].pk
            if spec.kind == "working_group":
                data.update(mandate="Foreslå rekkefølge og tidsplan for revisjonene.",
                            works_until=f"{self.year}-12-31")
            if spec.kind == "dialogue" and Body.objects.filter(kind="partnership").exists():
                data["programme_of"] = Body.objects.get(kind="partnership").pk
            self.post("meetings:body_create", data)
        return {body.short_name: body for body in Body.objects.all()}

    def seat(self, body, person, role, side, starts_on, **fields):
        self.post("meetings:seat_create", {"holder": person.pk, "role": role, "side": side,
                                           "starts_on": starts_on, **fields}, body.pk)
        return Seat.objects.filter(body=body, holder=person, role=role).latest("pk")

    def fill_meeting_body(self, body, starts_on):
        """Permanent members from both sides; each municipal member appointed by a regional
        council and with a personal deputy; the trust's deputies on a list (R-SSU-13)."""
        trust_count, municipal_count = self.p.seats
        for index in range(trust_count):
            person = self.person(f"Klinikksjef {index + 1} {body.short_name}", "Klinikksjef",
                                 self.trust)
            self.seat(body, person, "member", "trust", starts_on)
        deputy = self.person(f"Avdelingssjef {body.short_name}", "Avdelingssjef", self.trust)
        self.seat(body, deputy, "list_deputy", "trust", starts_on, list_position=1)
        councils = list(self.councils.values())
        members = []
        for index in range(municipal_count):
            council = councils[index % len(councils)]
            home = Organisation.objects.in_region(council).first()
            person = self.person(f"Kommunedirektør {home.name} {body.short_name}",
                                 "Kommunedirektør", home)
            member = self.seat(body, person, "member", "municipalities", starts_on,
                               appointed_by=council.pk)
            stand_in = self.person(f"Kommunalsjef {home.name} {body.short_name}",
                                   "Kommunalsjef", home)
            self.seat(body, stand_in, "personal_deputy", "municipalities", starts_on,
                      deputy_for=member.pk, appointed_by=council.pk)
            members.append(member)
        return members

    def fill_local_committees(self, bodies, starts_on):
        """Each LSU's members from both sides: the trust's, and a municipal member from its
        region appointed by their own municipality, with a personal deputy from the region
        appointed by the regional council. Someone from another region is turned away."""
        for spec in self.p.bodies:
            if spec.kind != "lsu":
                continue
            body, council = bodies[spec.short], self.councils[spec.region]
            region = list(Organisation.objects.in_region(council).order_by("number"))
            home = next((m for m in region if m.name in spec.name), region[0])
            trust = self.person(f"Klinikksjef {spec.short}", "Klinikksjef", self.trust)
            self.seat(body, trust, "member", "trust", starts_on)
            person = self.person(f"Kommunalsjef {home.name} {spec.short}", "Kommunalsjef",
                                 home)
            member = self.seat(body, person, "member", "municipalities", starts_on,
                               appointed_by=home.pk)
            neighbour = next((m for m in region if m != home), home)
            stand_in = self.person(f"Enhetsleder {neighbour.name} {spec.short}",
                                   "Enhetsleder", neighbour)
            self.seat(body, stand_in, "personal_deputy", "municipalities", starts_on,
                      deputy_for=member.pk, appointed_by=council.pk)
        lsu = next((s for s in self.p.bodies if s.kind == "lsu"), None)
        if lsu is None:
            return
        body, council = bodies[lsu.short], self.councils[lsu.region]
        other = next(c for c in self.councils.values() if c != council)
        elsewhere = Organisation.objects.in_region(other).first()
        stranger = self.person(f"Kommunalsjef {elsewhere.name} utenfor {lsu.short}",
                               "Kommunalsjef", elsewhere)
        page = self.refused("meetings:seat_create", {
            "holder": stranger.pk, "role": "member", "side": "municipalities",
            "starts_on": starts_on, "appointed_by": other.pk}, body.pk)
        assert f"arbeider ikke i en kommune i {council.name}" in page  # the region rule
        assert not Seat.objects.filter(holder=stranger).exists()

    def set_up_secretariat(self, body, starts_on):
        """R-SEK-1 to R-SEK-3: members from both sides, the lead and, where the partnership
        has one, the municipal coordinator, each appointed as the page proposes."""
        trust_seats = [self.seat(body, self.person(f"{title} ({self.p.trust})", title,
                                                   self.trust), "member", "trust", starts_on)
                       for title in self.p.secretariat_trust]
        councils = (list(self.councils.values()) if self.p.secretariat_per_council
                    else [None])
        municipal_seats = []
        for council in councils:
            home = (Organisation.objects.in_region(council).first() if council
                    else Organisation.objects.get(number=self.p.host))
            person = self.person(f"Samhandlingsleder {home.name}", "Samhandlingsleder", home)
            extra = {"appointed_by": council.pk} if council else {}
            municipal_seats.append(self.seat(body, person, "member", "municipalities",
                                             starts_on, **extra))
        page = self.read("meetings:secretariat", body.pk)
        assert 'id="next-lead">Begge parter' in page  # no lead yet: either side may start
        self.post("meetings:secretariat", {"role": "lead", "seat": trust_seats[0].pk,
                                           "starts_on": starts_on}, body.pk)
        page = self.read("meetings:secretariat", body.pk)
        assert 'id="next-lead">Kommuner' in page  # R-SEK-2: the municipalities next
        if self.p.coordinator:
            first = Organisation.objects.regional_councils().order_by("name").first()
            assert f'id="next-coordinator">{first.name}' in page  # R-SEK-3
            seat = next(s for s in municipal_seats if s.appointed_by_id == first.pk)
            self.post("meetings:secretariat", {"role": "coordinator", "seat": seat.pk,
                                               "starts_on": starts_on}, body.pk)
        assert SecretariatTerm.objects.filter(body=body).count() == 1 + self.p.coordinator

    def invite_users(self, representative):
        """A representative with access from their seats, and the host's finance officer."""
        host = Organisation.objects.get(number=self.p.host)
        self.post("members:user_invite", {"email": representative.email, "role":
                                          "representative", "person": representative.pk,
                                          "name": representative.name})
        finance = f"okonomi@k{host.number}.example"
        self.post("members:user_invite", {"email": finance, "role": "finance_officer",
                                          "municipality": host.pk, "name": "Økonomisjef"})
        assert User.objects.get(email=representative.email).person == representative
        return User.objects.get(email=finance, municipality=host)

    # A year of meetings ----------------------------------------------------------------------

    def plan_year(self, body, adopted_on):
        """R-SSU-2: next year's plan adopted before the year starts, with the meetings the
        body's rule asks for."""
        self.post("meetings:plan_adopt", {"year": self.year, "adopted_on": adopted_on,
                                          "adopted_in": f"Sak 9/{self.year - 1}"}, body.pk)
        for index in range(body.meetings_per_year):
            day = datetime.date(self.year, 2 + index * 3, 12)
            self.post("meetings:meeting_create", {
                "kind": "ordinary", "starts_at": f"{day}T10:00", "ends_at": f"{day}T14:00",
                "place": "Rådhuset", "is_public": "on"}, body.pk)
        return list(Meeting.objects.filter(body=body).order_by("starts_at"))

    def prepare(self, meeting, title):
        """A case proposed and placed in time (R-SSU-4), with its papers."""
        body = meeting.body
        self.post("meetings:case_propose", {"title": title, "background": "Bakgrunn.",
                                            "wanted_decision": "Saken vedtas."}, body.pk)
        case = Case.objects.get(body=body, title=title)
        self.post("meetings:case_triage", {"action": "place", "place-meeting": meeting.pk},
                  case.pk)
        self.post("meetings:case_edit", {"title": title, "presentation": "<p>Saken.</p>",
                                         "proposed_decision": "Forslaget vedtas."}, case.pk)
        return Case.objects.get(pk=case.pk)

    def send_notice(self, meeting):
        self.post("meetings:notice_send", {}, meeting.pk)

    def hold(self, meeting, present):
        for seat in present:
            self.post("meetings:attendance", {"seat": seat.pk}, meeting.pk)
        for case in meeting.cases.on_agenda():
            mode = "consensus" if meeting.body.decision_mode == "consensus" else "unanimous"
            self.post("meetings:decision", {"mode": mode, "text": "Forslaget vedtas.",
                                            "minutes_text": "Saken ble drøftet."}, case.pk)
        self.post("meetings:meeting_held", {}, meeting.pk)
        self.post("meetings:minutes_start", {}, meeting.pk)
        self.post("meetings:minutes_send", {}, meeting.pk)

    def publish_minutes(self, meeting):
        self.post("meetings:minutes_publish", {}, meeting.pk)
        minutes = Minutes.objects.get(meeting=meeting)
        assert (minutes.state, minutes.published_at is not None) == ("approved", True)

    # A year's invoices ----------------------------------------------------------------------

    def invoice_year(self, issue_on):
        """R-FIN-2: the population per 1 January the year before, typed in with its source;
        the cost model, the budget with its lines, adopted, and the year's invoices issued."""
        municipalities = self.municipalities()
        populations = {number: population for members in self.p.councils.values()
                       for number, _name, population in members}
        self.post("members:population_edit", {
            "source": "SSB tabell 07459",
            **{f"population_{m.number}": populations[m.number] for m in municipalities}},
            query=f"?year={self.year - 1}")
        # The form's unused amounts stand at 0, as a browser sends them.
        model = {"name": f"Kostnadsmodell {self.p.name}", "rounding": "1", "fixed_percent": "0",
                 "base_amount": "0", "rate": "0", "agreed-TOTAL_FORMS": 0,
                 "agreed-INITIAL_FORMS": 0, **self.p.cost_model}
        self.post("finance:cost_model_create", model)
        cost_model = CostModel.objects.get(name=model["name"])
        self.post("finance:budget_create", {
            "year": self.year, "pool": "", "cost_model": cost_model.pk, "notes": "",
            "lines-TOTAL_FORMS": 2, "lines-INITIAL_FORMS": 0,
            "lines-0-kind": "cost", "lines-0-description": "Lønn samhandlingsleder",
            "lines-0-amount": "900000",
            "lines-1-kind": "grant", "lines-1-description": "Statlig tilskudd",
            "lines-1-amount": "504000"})
        budget = Budget.objects.get(year=self.year, pool=None)
        self.post("finance:budget_adopt", {"decision": f"Partnerskapsmøtet sak 5/{self.year}",
                                           "adopted_on": issue_on}, budget.pk)
        self.post("finance:budget_issue", {"issue_date": issue_on}, budget.pk)
        invoices = list(Invoice.objects.filter(budget=budget).order_by("number"))
        assert [i.municipality.number for i in invoices] == sorted(
            m.number for m in municipalities)
        return invoices


def _errors(response):
    context = getattr(response, "context", None) or {}
    found = {}
    for key in ("form", "formset"):
        form = context.get(key) if hasattr(context, "get") else None
        if form is not None and getattr(form, "errors", None):
            found[key] = form.errors
    return found or response.content.decode()[:2000]


def run_a_year(client, user, partnership, year, after_commit, secretariat_class=None):
    """Set up `partnership` from nothing, plan `year`, hold its first meeting through
    published minutes and issue the year's invoices; returns what a test checks."""
    secretariat = (secretariat_class or Secretariat)(client, user, partnership, year,
                                                     after_commit)
    set_up_on = datetime.date(year - 1, 11, 20)
    with secretariat.travel(moment(set_up_on)):
        secretariat.sign_in()
        secretariat.set_up_members()
        bodies = secretariat.set_up_bodies()
        meeting_body = bodies[partnership.meeting_body]
        members = secretariat.fill_meeting_body(meeting_body, str(set_up_on))
        secretariat.fill_local_committees(bodies, str(set_up_on))
        secretariat.set_up_secretariat(bodies["SEK"], str(set_up_on))
        representative = members[0].holder
        finance_officer = secretariat.invite_users(representative)
        meetings = secretariat.plan_year(meeting_body, str(set_up_on))
        first = meetings[0]
    with secretariat.travel(moment(first.date - datetime.timedelta(days=35))):
        secretariat.sign_in()
        case = secretariat.prepare(first, "Felles retningslinjer for utskrivning")
    with secretariat.travel(moment(first.date - datetime.timedelta(days=20))):
        secretariat.sign_in()
        secretariat.send_notice(first)
    with secretariat.travel(first.starts_at + datetime.timedelta(hours=5)):
        secretariat.sign_in()
        present = Seat.objects.current(first.date).filter(body=meeting_body, role="member")
        secretariat.hold(first, list(present))
    # R-SSU-10: nobody objected within the period, so the scheduled job approves them.
    with secretariat.travel(first.starts_at + datetime.timedelta(days=5)):
        secretariat.sign_in()
        tasks.deem_minutes_approved()
        secretariat.publish_minutes(first)
    issue_on = first.date + datetime.timedelta(days=7)
    with secretariat.travel(moment(issue_on)):
        secretariat.sign_in()
        invoices = secretariat.invoice_year(str(issue_on))
    return {"bodies": bodies, "meeting": first, "case": case, "invoices": invoices,
            "representative": representative, "finance_officer": finance_officer}
