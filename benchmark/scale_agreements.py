"""A large partnership for the benchmark (see scale_members): the cooperation agreement with a
new version every second year of the meetings' history (20 sections each) and five
sub-agreements, written with history and change-log lines, by the secretariat."""

import datetime

from agreements.models import Agreement, Section, Version
from common.history import bulk_create_by, save_by

SECTIONS = 20
YEARS_PER_VERSION = 2
SUB_AGREEMENTS = 5
SECTION_TEXT = ("Partene skal samarbeide om pasientforløp, kunnskapsdeling og beredskap, og "
                "melde avvik i samhandlingen til utvalget. ") * 4


def build(rng, world, scale=1.0, history=1):
    by = world["users"]["secretariat"]
    years = world["meeting_years"]
    agreement = save_by(Agreement(
        kind=Agreement.Kind.COOPERATION, number="SA", title="Samarbeidsavtale",
        status=Agreement.Status.IN_FORCE,
        entered_into_force=datetime.date(years[0], 1, 1)), by)
    for n in range(1, SUB_AGREEMENTS + 1):
        save_by(Agreement(kind=Agreement.Kind.SUB_AGREEMENT, number=f"Delavtale {n}",
                          title=f"Delavtale om tjenesteområde {n}", parent=agreement,
                          status=Agreement.Status.IN_FORCE,
                          entered_into_force=datetime.date(years[0], 1, 1)), by)
    versions = bulk_create_by(Version, [
        Version(agreement=agreement, number=number, state=Version.State.IN_FORCE,
                in_force_from=datetime.date(year, 1, 1),
                adopted_on=datetime.date(year - 1, 11, 15),
                decision_reference=f"PM-sak 4/{year - 1}")
        for number, year in enumerate(years[::YEARS_PER_VERSION], start=1)
    ], by)
    bulk_create_by(Section, [
        Section(version=version, number=f"{1 + n // 5}-{1 + n % 5}", position=n,
                heading=f"Samarbeid om område {n + 1}",
                text=f"{SECTION_TEXT}(Versjon {version.number}.)")
        for version in versions for n in range(SECTIONS)
    ], by)
    return {"agreement": agreement}
