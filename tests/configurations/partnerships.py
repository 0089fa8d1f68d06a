"""Five partnerships of the seeds as data (DOMAIN.md § 1): their members, regional councils,
bodies, secretariat and cost model. Populations are approximate where the seeds give none."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Body:
    kind: str
    name: str
    short: str
    reports_to: str = ""  # short name
    region: str = ""  # regional council's name
    rules: dict = field(default_factory=dict)  # rule fields typed in; the rest take defaults


@dataclass(frozen=True)
class Partnership:
    name: str
    trust: str
    councils: dict  # council name -> [(kommunenummer, name, population)]
    host: str  # kommunenummer
    bodies: list
    meeting_body: str  # short name of the body that meets in the test
    cost_model: dict
    # R-SEK-1: the secretariat's trust members, and whether each council appoints one.
    secretariat_trust: tuple = ("Samhandlingssjef",)
    secretariat_per_council: bool = False
    coordinator: bool = False
    seats: tuple = (2, 2)  # permanent members in the meeting body: trust, municipalities


HELGELAND = Partnership(
    name="Helsefellesskap Helgeland", trust="Helgelandssykehuset HF",
    councils={"Helgelandsrådet": [("1812", "Sømna", 1981), ("1813", "Brønnøy", 7777),
                                  ("1820", "Alstahaug", 7333), ("1824", "Vefsn", 13233)],
              "Indre Helgeland regionråd": [("1832", "Hemnes", 4420), ("1833", "Rana", 26092),
                                            ("1835", "Træna", 450)]},
    host="1824",
    bodies=[Body("partnership", "Partnerskapsmøtet", "PM"),
            Body("dialogue", "Dialogmøtet", "DM"),
            Body("ssu", "Strategisk samarbeidsutvalg", "SSU", reports_to="PM",
                 rules={"trust_members": 2, "municipal_members": 2}),
            Body("fsu", "FSU Utskrivningsklare pasienter", "FSU-UP", reports_to="SSU"),
            Body("secretariat", "Samhandlingssekretariatet", "SEK")],
    meeting_body="SSU",
    cost_model={"kind": "split", "fixed_percent": "20"},
    secretariat_trust=("Samhandlingssjef HF",),
)

KHS_26 = Partnership(
    name="Kommunehelsesamarbeidet KHS-26", trust="Vestre Viken HF",
    councils={"Asker og Bærum": [("3024", "Bærum", 128000), ("3025", "Asker", 95000)],
              "Drammensregionen": [("3005", "Drammen", 102000), ("3049", "Lier", 27000)],
              "Kongsbergregionen": [("3006", "Kongsberg", 28000)],
              "Ringeriksregionen": [("3007", "Ringerike", 31000)],
              "Hallingdal": [("3038", "Hol", 4500), ("3041", "Gol", 4600)]},
    host="3005",
    bodies=[Body("owners", "Ordførermøtet", "EM"),
            Body("board", "Samarbeidsstyret", "STYRE", reports_to="EM"),
            Body("overarching", "Overordnet samarbeidsutvalg", "OSU",
                 rules={"trust_members": 2, "municipal_members": 2}),
            *[Body("lsu", f"LSU {region}", f"LSU-{index}", reports_to="OSU", region=region)
              for index, region in enumerate(["Asker og Bærum", "Drammensregionen",
                                              "Kongsbergregionen", "Ringeriksregionen",
                                              "Hallingdal"], start=1)],
            Body("working_group", "Arbeidsgruppe for revisjon av delavtalene", "AG",
                 reports_to="OSU"),
            Body("secretariat", "Sekretariatet i KHS", "SEK")],
    meeting_body="OSU",
    cost_model={"kind": "per_inhabitant", "rate": "2.50"},
)

MORE_OG_ROMSDAL = Partnership(
    name="Helsefellesskapet i Møre og Romsdal", trust="Helse Møre og Romsdal HF",
    councils={"Nordmøre interkommunale politiske råd": [("1505", "Kristiansund", 24000),
                                                        ("1573", "Smøla", 2100)],
              "Romsdal regionråd": [("1506", "Molde", 32000), ("1539", "Rauma", 7400)],
              "Sunnmøre regionråd": [("1508", "Ålesund", 67000), ("1577", "Volda", 10500),
                                     ("1515", "Herøy", 8900)]},
    host="1506",
    bodies=[Body("partnership", "Partnerskapsmøtet", "PM"),
            Body("dialogue", "Utvidet samarbeidsmøte", "DM"),
            Body("ssu", "Strategisk samarbeidsutvalg", "SSU", reports_to="PM",
                 rules={"trust_members": 2, "municipal_members": 2}),
            Body("lsu", "LSU Kristiansund", "LSU-K", reports_to="SSU",
                 region="Nordmøre interkommunale politiske råd"),
            Body("lsu", "LSU Molde", "LSU-M", reports_to="SSU", region="Romsdal regionråd"),
            Body("lsu", "LSU Ålesund", "LSU-Å", reports_to="SSU", region="Sunnmøre regionråd"),
            Body("lsu", "LSU Volda", "LSU-V", reports_to="SSU", region="Sunnmøre regionråd"),
            *[Body("fsu", f"FSU {topic}", f"FSU-{index}", reports_to="SSU")
              for index, topic in enumerate(["Barn og unge", "Psykisk helse og rus",
                                             "Eldre", "Akuttmedisin", "Rehabilitering",
                                             "Svangerskap og fødsel", "IKT", "Kunnskap",
                                             "Forebygging", "Beredskap"], start=1)],
            Body("secretariat", "Samarbeidssekretariatet", "SEK")],
    meeting_body="SSU",
    cost_model={"kind": "split", "fixed_percent": "50"},
    secretariat_trust=("Samhandlingssjef", "Samhandlingsrådgiver", "Praksiskonsulent"),
    secretariat_per_council=True, coordinator=True,
)

AGDER = Partnership(
    name="Helsefellesskapet i Agder", trust="Sørlandet sykehus HF",
    councils={"Kristiansandsregionen": [("4204", "Kristiansand", 116000)],
              "Lister": [("4206", "Farsund", 9700), ("4207", "Flekkefjord", 9100)],
              "Østre Agder": [("4202", "Grimstad", 24000), ("4203", "Arendal", 45000)],
              "Setesdal": [("4221", "Valle", 1200)],
              "Lindesnesregionen": [("4205", "Lindesnes", 23000)]},
    host="4204",
    bodies=[Body("overarching", "Overordnet strategisk samarbeidsutvalg (OSS)", "OSS",
                 rules={"trust_members": 2, "municipal_members": 2}),
            Body("network", "Kommunenes strategiske samarbeidsutvalg (KOSS)", "KOSS",
                 reports_to="OSS"),
            *[Body("network", f"Helsenettverk {region}", f"HN-{index}", reports_to="KOSS")
              for index, region in enumerate(["Kristiansandsregionen", "Lister",
                                              "Østre Agder", "Setesdal",
                                              "Lindesnesregionen"], start=1)],
            Body("secretariat", "Sekretariatet", "SEK")],
    meeting_body="OSS",
    cost_model={"kind": "split", "fixed_percent": "50"},
    secretariat_per_council=True, coordinator=True,
)

NORD_TRONDELAG = Partnership(
    name="Helsefellesskapet Nord-Trøndelag", trust="Helse Nord-Trøndelag HF",
    councils={"Innherred": [("5037", "Levanger", 20500), ("5038", "Verdal", 15000)],
              "Namdal": [("5007", "Namsos", 15300)],
              "Midtre Namdal": [("5006", "Steinkjer", 24000)]},
    host="5006",
    bodies=[Body("other", "Politisk samarbeidsutvalg (PSU)", "PSU",
                 rules={"decision_mode": "consensus"}),
            Body("ssu", "Administrativt samarbeidsutvalg (ASU)", "ASU", reports_to="PSU",
                 rules={"trust_members": 2, "municipal_members": 2}),
            Body("network", "Fagråd for koordinerende enheter", "FAG", reports_to="ASU"),
            Body("secretariat", "Sekretariatet", "SEK")],
    meeting_body="ASU",
    cost_model={"kind": "base_plus_rate", "base_amount": "10000", "rate": "6"},
)

PARTNERSHIPS = [HELGELAND, KHS_26, MORE_OG_ROMSDAL, AGDER, NORD_TRONDELAG]
