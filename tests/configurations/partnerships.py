"""Five partnerships of the seeds as data (DOMAIN.md § 1): their members, regional councils,
bodies, secretariat and cost model. Every member municipality with its current kommunenummer;
where the seeds name no full list (Møre og Romsdal, Agder, Nord-Trøndelag), the partnership's
real members. Populations are approximate where the seeds give none."""

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
    # The 17 paying municipalities and their 2022 populations of seed 003's financing table
    # (Bindal, in Helse Nord-Trøndelag's catchment, pays nothing there), in the two regional
    # councils that set the partnership up.
    councils={"Helgelandsrådet": [("1812", "Sømna", 1981), ("1813", "Brønnøy", 7777),
                                  ("1815", "Vega", 1175), ("1816", "Vevelstad", 462),
                                  ("1818", "Herøy", 1825), ("1820", "Alstahaug", 7333),
                                  ("1822", "Leirfjord", 2257), ("1824", "Vefsn", 13233),
                                  ("1825", "Grane", 1461), ("1826", "Hattfjelldal", 1273),
                                  ("1827", "Dønna", 1369)],
              "Indre Helgeland regionråd": [("1828", "Nesna", 1698), ("1832", "Hemnes", 4420),
                                            ("1833", "Rana", 26092), ("1834", "Lurøy", 1869),
                                            ("1835", "Træna", 450), ("1836", "Rødøy", 1153)]},
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
    # The 26 municipalities of 2017 (seeds 000 and 002) in the five hospitals' catchment
    # areas, each region an LSU (seed 000 § 2). Those merged since appear once as today's
    # municipality with its current number: Asker covers Asker, Røyken and Hurum; Drammen
    # covers Drammen, Nedre Eiker and Svelvik; Holmestrand covers Sande; Nesbyen is the
    # renamed Nes. Hence 22 members for the 26.
    councils={"Asker og Bærum": [("3201", "Bærum", 130000), ("3203", "Asker", 97000)],
              "Drammensregionen": [("3301", "Drammen", 103000), ("3312", "Lier", 28000),
                                   ("3314", "Øvre Eiker", 20500),
                                   ("3903", "Holmestrand", 25500)],
              "Kongsbergregionen": [("3303", "Kongsberg", 28000), ("3334", "Flesberg", 2700),
                                    ("3336", "Rollag", 1400),
                                    ("3338", "Nore og Uvdal", 2400)],
              "Ringeriksregionen": [("3305", "Ringerike", 31000), ("3310", "Hole", 7000),
                                    ("3236", "Jevnaker", 7000), ("3316", "Modum", 14500),
                                    ("3318", "Krødsherad", 2200), ("3332", "Sigdal", 3500)],
              "Hallingdal": [("3320", "Flå", 1100), ("3322", "Nesbyen", 3300),
                             ("3324", "Gol", 4700), ("3326", "Hemsedal", 2600),
                             ("3328", "Ål", 4700), ("3330", "Hol", 4500)]},
    # Seed 000 § 4.3: the coordinator is employed by Bærum.
    host="3201",
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
    # Seed 004 names the three regional councils but not their members: the county's 27
    # municipalities (Haram again apart from Ålesund since 2024) in their councils.
    councils={"Nordmøre interkommunale politiske råd": [
                  ("1505", "Kristiansund", 24300), ("1554", "Averøy", 5800),
                  ("1560", "Tingvoll", 3000), ("1563", "Sunndal", 7000),
                  ("1566", "Surnadal", 5900), ("1573", "Smøla", 2100), ("1576", "Aure", 3500)],
              "Romsdal regionråd": [("1506", "Molde", 32500), ("1535", "Vestnes", 6700),
                                    ("1539", "Rauma", 7400), ("1547", "Aukra", 3600),
                                    ("1557", "Gjemnes", 2600), ("1579", "Hustadvika", 13400)],
              "Sunnmøre regionråd": [("1508", "Ålesund", 58000), ("1511", "Vanylven", 3000),
                                     ("1514", "Sande", 2500), ("1515", "Herøy", 8900),
                                     ("1516", "Ulstein", 8700), ("1517", "Hareid", 5200),
                                     ("1520", "Ørsta", 11000), ("1525", "Stranda", 4500),
                                     ("1528", "Sykkylven", 7700), ("1531", "Sula", 9900),
                                     ("1532", "Giske", 8600), ("1577", "Volda", 10800),
                                     ("1578", "Fjord", 2500), ("1580", "Haram", 9400)]},
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
    # Seed 004 gives five municipal regions, not their members: Agder's 25 municipalities.
    councils={"Kristiansandsregionen": [("4204", "Kristiansand", 116000),
                                        ("4215", "Lillesand", 11500),
                                        ("4216", "Birkenes", 5400), ("4218", "Iveland", 1400),
                                        ("4223", "Vennesla", 15300)],
              "Lister": [("4206", "Farsund", 9800), ("4207", "Flekkefjord", 9100),
                         ("4225", "Lyngdal", 10600), ("4226", "Hægebostad", 1700),
                         ("4227", "Kvinesdal", 6000), ("4228", "Sirdal", 1900)],
              "Østre Agder": [("4201", "Risør", 6800), ("4202", "Grimstad", 24500),
                              ("4203", "Arendal", 45500), ("4211", "Gjerstad", 2500),
                              ("4212", "Vegårshei", 2100), ("4213", "Tvedestrand", 6100),
                              ("4214", "Froland", 6200), ("4217", "Åmli", 1800)],
              "Setesdal": [("4219", "Evje og Hornnes", 3700), ("4220", "Bygland", 1200),
                           ("4221", "Valle", 1200), ("4222", "Bykle", 1000)],
              "Lindesnesregionen": [("4205", "Lindesnes", 23700), ("4224", "Åseral", 950)]},
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
    # Seed 004 names no members: the trust's catchment, the former Nord-Trøndelag county's 18
    # municipalities and Bindal in Nordland, in their regional councils.
    councils={"Værnesregionen": [("5034", "Meråker", 2400), ("5035", "Stjørdal", 24800),
                                 ("5036", "Frosta", 2700)],
              "Innherred": [("5006", "Steinkjer", 24500), ("5037", "Levanger", 20500),
                            ("5038", "Verdal", 15200), ("5041", "Snåsa", 2000),
                            ("5053", "Inderøy", 6900)],
              "Namdal regionråd": [("1811", "Bindal", 1400), ("5007", "Namsos", 15300),
                                   ("5042", "Lierne", 1300), ("5043", "Røyrvik", 450),
                                   ("5044", "Namsskogan", 850), ("5045", "Grong", 2400),
                                   ("5046", "Høylandet", 1200), ("5047", "Overhalla", 3900),
                                   ("5049", "Flatanger", 1100), ("5052", "Leka", 550),
                                   ("5060", "Nærøysund", 9700)]},
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
