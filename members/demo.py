"""Demo data: Helsefellesskap Helgeland (DOMAIN.md § 5 and seed 003). Safe to load twice."""

import datetime
import io
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from stdnum.no import orgnr

from meetings import demo_calendar as calendar

from .accounts import enrol_totp
from .models import Organisation, Partnership, Person, PopulationFigure, User

DEMO_PASSWORD = "helgeland-demo"  # noqa: S105 - demo logins, printed by `make run`  # nosec B105
# The demo secretariat's authenticator app secret, printed by `make run` with a current code:
# the second factor stays required, and a newcomer still gets in.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPHELGELANDDEMO234"  # noqa: S105  # nosec B105
JOINED = datetime.date(2023, 1, 1)

HELGELANDSRADET = "Helgelandsrådet"
INDRE_HELGELAND = "Indre Helgeland regionråd"

# kommunenummer, name, qualifier, population 1.1.2022 (the year before the demo's budget year),
# regional council
MUNICIPALITIES = [
    ("1812", "Sømna", "", 1981, HELGELANDSRADET),
    ("1813", "Brønnøy", "", 7777, HELGELANDSRADET),
    ("1815", "Vega", "", 1175, HELGELANDSRADET),
    ("1816", "Vevelstad", "", 462, HELGELANDSRADET),
    ("1818", "Herøy", "Nordland", 1825, HELGELANDSRADET),
    ("1820", "Alstahaug", "", 7333, HELGELANDSRADET),
    ("1822", "Leirfjord", "", 2257, HELGELANDSRADET),
    ("1824", "Vefsn", "", 13233, HELGELANDSRADET),
    ("1825", "Grane", "", 1461, HELGELANDSRADET),
    ("1826", "Hattfjelldal", "", 1273, INDRE_HELGELAND),
    ("1827", "Dønna", "", 1369, HELGELANDSRADET),
    ("1828", "Nesna", "", 1698, INDRE_HELGELAND),
    ("1832", "Hemnes", "", 4420, INDRE_HELGELAND),
    ("1833", "Rana", "", 26092, INDRE_HELGELAND),
    ("1834", "Lurøy", "", 1869, INDRE_HELGELAND),
    ("1835", "Træna", "", 450, INDRE_HELGELAND),
    ("1836", "Rødøy", "", 1153, INDRE_HELGELAND),
]
NON_MEMBERS = [("1811", "Bindal", "", HELGELANDSRADET)]
# Buyer's references in the format each municipality's accounts ask for (R-FIN-8); the others
# take free text.
INVOICE_REFERENCES = {"1832": ("B100233", "b6"), "1820": ("4711", "resource")}

PEOPLE = [
    # key, name, title, organisation name or kommunenummer, e-mail
    ("lead", "Ingrid Solberg", "Samhandlingsleder", "1824", "ingrid.solberg@helgeland.example"),
    ("rana-cao", "Håkon Berg", "Kommunedirektør", "1833", "hakon.berg@rana.example"),
    ("vefsn-cao", "Marte Lien", "Kommunedirektør", "1824", "marte.lien@vefsn.example"),
    ("trust-ceo", "Erik Johansen", "Administrerende direktør", "Helgelandssykehuset HF",
     "erik.johansen@helgelandssykehuset.example"),
    ("trust-clinic", "Siri Nilsen", "Klinikksjef", "Helgelandssykehuset HF",
     "siri.nilsen@helgelandssykehuset.example"),
    ("rana-finance", "Ola Moen", "Økonomisjef", "1833", "ola.moen@rana.example"),
    ("vefsn-finance", "Kari Strand", "Økonomisjef", "1824", "kari.strand@vefsn.example"),
]

USERS = [
    # e-mail, role, person key, municipality number
    ("sekretariat@helgeland.example", User.Role.SECRETARIAT, "lead", None),
    ("representant@helgeland.example", User.Role.REPRESENTATIVE, "rana-cao", None),
    ("okonomi.rana@helgeland.example", User.Role.FINANCE_OFFICER, "rana-finance", "1833"),
    ("okonomi.vefsn@helgeland.example", User.Role.FINANCE_OFFICER, "vefsn-finance", "1824"),
]


def current_demo_code():
    """The demo secretariat's code right now (RFC 6238, as its authenticator app shows)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def made_up_organisation_number(prefix):
    """A MOD11-valid organisation number for demo data where the real one is not at hand."""
    for last in range(10):
        first_eight = f"{prefix}{last}"[:8].rjust(8, "9")
        for check in "0123456789":
            if orgnr.is_valid(first_eight + check):
                return first_eight + check
    raise ValueError(prefix)


def _organisation(kind, name, **fields):
    lookup = {"number": fields.pop("number")} if kind == Organisation.Kind.MUNICIPALITY else {
        "kind": kind, "name": name}
    organisation, _created = Organisation.objects.update_or_create(
        **lookup, defaults={"kind": kind, "name": name, **fields})
    return organisation


def demo_logo():
    """Two overlapping rings, the trust's and the municipalities', as a PNG."""
    image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 110, 110), outline=(0, 84, 147), width=12)
    draw.ellipse((70, 10, 170, 110), outline=(0, 133, 96), width=12)
    draw.rectangle((200, 40, 350, 56), fill=(0, 84, 147))
    draw.rectangle((200, 66, 310, 80), fill=(0, 133, 96))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _give_logo(partnership):
    # Loading twice keeps the logo there is; a lost file (a new media folder) is made again.
    if partnership.logo and partnership.logo.storage.exists(partnership.logo.name):
        return
    partnership.logo.save("helgeland-logo.png", ContentFile(demo_logo()))


def load():
    councils = {
        name: _organisation(Organisation.Kind.REGIONAL_COUNCIL, name,
                            organisation_number=made_up_organisation_number(f"99{index}1000"))
        for index, name in enumerate([HELGELANDSRADET, INDRE_HELGELAND])
    }
    trust = _organisation(
        Organisation.Kind.HOSPITAL_TRUST, "Helgelandssykehuset HF",
        organisation_number=made_up_organisation_number("9839749"),
        street_address="Prestmoen 1", postcode="8607", city="Mo i Rana",
    )
    for name in ["KS Nordland", "Statsforvalteren i Nordland", "Nord universitet"]:
        _organisation(Organisation.Kind.OTHER, name)
    municipalities = {}
    for number, name, qualifier, population, council in MUNICIPALITIES:
        municipality = _organisation(
            Organisation.Kind.MUNICIPALITY, name, number=number, name_qualifier=qualifier,
            organisation_number=made_up_organisation_number(f"964{number}"),
            regional_council=councils[council], joined_on=JOINED,
            invoice_reference=INVOICE_REFERENCES.get(number, (f"Helsefellesskap/{number}",))[0],
            invoice_reference_format=INVOICE_REFERENCES.get(number, (None, "free"))[1],
            email=f"postmottak@k{number}.example",
        )
        PopulationFigure.objects.update_or_create(
            municipality=municipality, year=calendar.budget_year(calendar.today()) - 1,
            defaults={"population": population, "source": "SSB tabell 07459"},
        )
        municipalities[number] = municipality
    for number, name, qualifier, council in NON_MEMBERS:
        municipalities[number] = _organisation(
            Organisation.Kind.MUNICIPALITY, name, number=number, name_qualifier=qualifier,
            organisation_number=made_up_organisation_number(f"964{number}"),
            regional_council=councils[council],
        )
    Partnership.objects.update_or_create(pk=1, defaults={
        "name": "Helsefellesskap Helgeland", "hospital_trust": trust,
        "host_municipality": municipalities["1824"],
        "organisation_number": municipalities["1824"].organisation_number,
        "bank_account": "45000000039",
        "street_address": "Kirkegata 14", "postcode": "8656", "city": "Mosjøen",
        "email": "post@helsefellesskap-helgeland.example",
    })
    _give_logo(Partnership.objects.get(pk=1))
    people = {}
    for key, name, title, organisation, email in PEOPLE:
        owner = municipalities.get(organisation) or Organisation.objects.get(name=organisation)
        people[key], _created = Person.objects.update_or_create(
            email=email, defaults={"name": name, "title": title, "organisation": owner})
    for email, role, person_key, number in USERS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.name = people[person_key].name
        user.role = role
        user.person = people[person_key] if role == User.Role.REPRESENTATIVE else None
        user.municipality = municipalities[number] if number else None
        user.set_password(DEMO_PASSWORD)
        user.save()
        if user.must_use_second_factor:
            Authenticator.objects.filter(user=user).delete()
            enrol_totp(user, DEMO_TOTP_SECRET)
    return {"municipalities": municipalities, "people": people, "trust": trust,
            "councils": councils}
