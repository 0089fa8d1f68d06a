import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import PopulationFigure
from members.population_import import PopulationFileError, parse

LONG_SEMICOLON = """07459: Befolkning, etter region, statistikkvariabel og år

"region";"statistikkvariabel";"år";"07459: Befolkning"
"1833 Rana";"Personer";"2022";26092
"1824 Vefsn";"Personer";"2022";13233
"18 Nordland";"Personer";"2022";240190
"""

WIDE_COMMA = (
    '"region","Personer 2022","Personer 2023"\n'
    '"K-1833 Rana",26092,26154\n'
    '"K-1818 Herøy (Nordland)",1825,1801\n'
)


def test_parses_long_semicolon_csv_in_utf8():
    parsed = parse(LONG_SEMICOLON.encode("utf-8"))
    assert parsed.figures == {("1833", 2022): 26092, ("1824", 2022): 13233}
    assert parsed.errors == []
    assert parsed.skipped_regions == {"18 Nordland"}


def test_parses_wide_comma_csv_in_iso_8859_1():
    parsed = parse(WIDE_COMMA.encode("iso-8859-1"))
    assert parsed.figures == {("1833", 2022): 26092, ("1833", 2023): 26154,
                              ("1818", 2022): 1825, ("1818", 2023): 1801}


def test_adds_up_breakdowns_by_sex_unless_a_total_row_is_there():
    by_sex = ('"region";"kjønn";"år";"Befolkning"\n'
              '"1833 Rana";"Menn";"2022";13000\n"1833 Rana";"Kvinner";"2022";13092\n')
    assert parse(by_sex.encode()).figures == {
        ("1833", 2022): 26092}
    with_total = by_sex + '"1833 Rana";"Begge kjønn";"2022";26092\n'
    assert parse(with_total.encode()).figures == {("1833", 2022): 26092}


def test_parses_json_stat2():
    dataset = {
        "version": "2.0", "class": "dataset",
        "id": ["Region", "ContentsCode", "Tid"], "size": [2, 1, 2],
        "dimension": {
            "Region": {"category": {"index": {"K-1833": 0, "K-1824": 1},
                                    "label": {"K-1833": "Rana", "K-1824": "Vefsn"}}},
            "ContentsCode": {"category": {"index": {"Personer1": 0}}},
            "Tid": {"category": {"index": {"2022": 0, "2023": 1}}},
        },
        "value": [26092, 26154, 13233, 13200],
    }
    parsed = parse(json.dumps(dataset).encode())
    assert parsed.figures == {("1833", 2022): 26092, ("1833", 2023): 26154,
                              ("1824", 2022): 13233, ("1824", 2023): 13200}


def test_bad_rows_are_reported_with_line_numbers():
    text = LONG_SEMICOLON.replace("13233", "-5") + '"1812 Sømna";"Personer";"2022";..\n'
    parsed = parse(text.encode())
    assert [line for line, _reason in parsed.errors] == [5, 7]
    assert parsed.errors[0][1] == "1824 Vefsn: et folketall kan ikke være negativt (-5)"


@pytest.mark.parametrize("data", [b"", b"\x00\x01binary", b"no header here\n1;2;3\n", b"{not json"])
def test_unreadable_files_are_refused_as_a_whole(data):
    with pytest.raises(PopulationFileError):
        parse(data)


def upload(client, content, name="07459.csv"):
    return client.post(reverse("members:population_import"), {
        "file": SimpleUploadedFile(name, content, content_type="text/csv"),
        "source": "SSB 07459",
    })


def test_file_with_one_bad_row_changes_nothing_and_names_the_row(cast):
    PopulationFigure.objects.create(municipality=cast.municipality_x, year=2022, population=1)
    client = cast.client("secretariat")
    response = upload(client, LONG_SEMICOLON.replace("13233", "tretten").encode())
    assert response.status_code == 400
    assert "Linje 5" in response.content.decode()
    assert "Ingenting ble importert" in response.content.decode()
    assert list(PopulationFigure.objects.values_list("population", flat=True)) == [1]
    # Even confirming afterwards imports nothing: no checked file is waiting.
    client.post(reverse("members:population_import_confirm"))
    assert list(PopulationFigure.objects.values_list("population", flat=True)) == [1]


def test_valid_file_is_previewed_then_imported(cast):
    PopulationFigure.objects.create(municipality=cast.municipality_x, year=2022, population=1)
    client = cast.client("secretariat")
    response = upload(client, LONG_SEMICOLON.encode())
    assert response.status_code == 200
    preview = response.content.decode()
    assert "endret" in preview and "ny" in preview
    assert PopulationFigure.objects.get(municipality=cast.municipality_x).population == 1
    response = client.post(reverse("members:population_import_confirm"))
    assert response.status_code == 302
    figures = {(f.municipality.number, f.year): f.population
               for f in PopulationFigure.objects.select_related("municipality")}
    assert figures == {("1833", 2022): 26092, ("1824", 2022): 13233}
    latest = PopulationFigure.history.filter(municipality=cast.municipality_x).latest(
        "history_date")
    assert latest.history_user == cast.users["secretariat"]
    assert latest.source == "SSB 07459"
