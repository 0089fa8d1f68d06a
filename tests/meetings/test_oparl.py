"""The open-data API against the OParl 1.1 object shapes: required keys with their types,
`type` values, resolvable `id`s, and the paginated list shape."""

import pytest
from django.urls import reverse

from meetings import screening, services
from meetings.models import LegalBasis, Screening
from meetings.oparl import views as api
from tests.meetings.factories import at, pdf_upload
from tests.meetings.holding_factories import decided, publish_minutes, published

pytestmark = pytest.mark.django_db

S = "https://schema.oparl.org/1.1/"
STR, INT, LIST, BOOL = str, int, list, bool
SHAPES = {
    "System": {"id": STR, "type": STR, "oparlVersion": STR, "body": STR},
    "Body": {"id": STR, "type": STR, "name": STR, "organization": STR, "person": STR,
             "meeting": STR, "paper": STR, "legislativeTerm": LIST},
    "Organization": {"id": STR, "type": STR, "body": STR, "name": STR, "membership": LIST,
                     "meeting": STR, "organizationType": STR},
    "Person": {"id": STR, "type": STR, "body": STR, "name": STR, "membership": LIST},
    "Membership": {"id": STR, "type": STR, "person": STR, "organization": STR,
                   "votingRight": BOOL},
    "Meeting": {"id": STR, "type": STR, "name": STR, "start": STR, "organization": LIST,
                "agendaItem": LIST},
    "AgendaItem": {"id": STR, "type": STR, "meeting": STR, "number": STR, "order": INT,
                   "name": STR, "public": BOOL},
    "Paper": {"id": STR, "type": STR, "body": STR, "name": STR, "reference": STR,
              "auxiliaryFile": LIST},
    "File": {"id": STR, "type": STR, "name": STR, "fileName": STR, "mimeType": STR,
             "size": INT, "accessUrl": STR},
}
NESTED = {"Person": {"membership": "Membership"}, "Meeting": {"agendaItem": "AgendaItem"},
          "Paper": {"auxiliaryFile": "File"}}


def validate(obj, client):
    """Check one object's shape, its nested objects, and that its id answers with itself."""
    kind = obj["type"].removeprefix(S)
    assert obj["type"] == S + kind and kind in SHAPES
    for key, kind_of_value in SHAPES[kind].items():
        assert isinstance(obj[key], kind_of_value), (kind, key)
    for key, nested in NESTED.get(kind, {}).items():
        for inner in obj[key]:
            assert inner["type"] == S + nested
            validate(inner, client)
    for key in ("created", "modified"):
        if key in obj:
            assert isinstance(obj[key], str)
    fetched = client.get(obj["id"].removeprefix("http://testserver"))
    assert fetched.status_code == 200
    assert fetched.json()["id"] == obj["id"]


def validate_list(url, client):
    page = client.get(url).json()
    assert set(page) == {"data", "pagination", "links"}
    assert {"totalElements", "elementsPerPage", "currentPage", "totalPages"} <= set(
        page["pagination"])
    assert {"first", "last"} <= set(page["links"])
    for obj in page["data"]:
        validate(obj, client)
    return page


@pytest.fixture
def records(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    services.add_attachment(held.case1, upload=pdf_upload(), title="Rutineutkast",
                            screened=False, legal_basis="", acting_user=staff)
    services.add_attachment(held.case2, upload=pdf_upload(), title="Pasientliste",
                            screened=True, legal_basis=LegalBasis.HEALTH, acting_user=staff)
    return publish_minutes(held, staff)


def test_every_list_and_object_has_the_oparl_shape(client, records):
    system = client.get(reverse("meetings:oparl_system")).json()
    validate(system, client)
    bodies = validate_list(system["body"], client)
    body = bodies["data"][0]
    for key in ("organization", "person", "meeting", "paper"):
        assert validate_list(body[key], client)["data"]
    for kind in ("membership", "agendaitem", "file"):
        assert validate_list(reverse("meetings:oparl_list", args=[kind]), client)["data"]


def test_only_public_records_are_in_the_api(client, records):
    files = client.get(reverse("meetings:oparl_list", args=["file"])).json()["data"]
    assert [f["name"] for f in files] == ["Rutineutkast"]
    items = client.get(reverse("meetings:oparl_list", args=["agendaitem"])).json()["data"]
    resolutions = {item["name"]: item.get("resolutionText") for item in items}
    assert resolutions["Budsjett for samhandlingsprosjekt"] == "Budsjettet vedtas."
    records.meeting.body.is_public = False
    records.meeting.body.save()
    assert client.get(reverse("meetings:oparl_list", args=["meeting"])).json()["data"] == []
    assert client.get(reverse("meetings:oparl_object", args=[
        "meeting", records.meeting.pk])).status_code == 404


def test_lists_are_paginated(client, staff, monkeypatch):
    for day in (10, 11, 12):
        published(staff, at(2026, 3, day), f"Organ {day}")
    monkeypatch.setattr(api, "PER_PAGE", 2)
    url = reverse("meetings:oparl_list", args=["meeting"])
    first = client.get(url).json()
    assert (len(first["data"]), first["pagination"]["totalElements"],
            first["pagination"]["totalPages"]) == (2, 3, 2)
    second = client.get(first["links"]["next"].removeprefix("http://testserver")).json()
    assert (len(second["data"]), second["pagination"]["currentPage"]) == (1, 2)
    assert "next" not in second["links"]
    assert client.get(url, {"page": "x"}).json()["pagination"]["currentPage"] == 1


def test_an_unknown_kind_is_not_found(client):
    assert client.get(reverse("meetings:oparl_list", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_api_query_count_does_not_grow(client, staff, size, django_assert_num_queries):
    for day in range(size):
        published(staff, at(2026, 3, 10 + day), f"Organ {size}-{day}")
    # The public view reads each case's screening and the published minutes' content.
    for kind, count in [("meeting", 10), ("paper", 7), ("person", 3), ("organization", 3),
                        ("agendaitem", 7), ("file", 1)]:
        with django_assert_num_queries(count):
            assert client.get(reverse("meetings:oparl_list", args=[kind])).status_code == 200


def test_r_pub_1_a_screened_title_and_decision_are_not_in_the_api(client, records, staff):
    screening.screen_case(records.case2, part=Screening.Part.TITLE,
                          legal_basis=LegalBasis.NEGOTIATION, public_title="Budsjett",
                          acting_user=staff)
    screening.screen_case(records.case2, part=Screening.Part.DECISION,
                          legal_basis=LegalBasis.NEGOTIATION, acting_user=staff)
    texts = [client.get(reverse("meetings:oparl_list", args=[kind])).content.decode()
             for kind in ("meeting", "agendaitem", "paper", "file", "consultation")]
    assert all("samhandlingsprosjekt" not in text and "Budsjettet vedtas" not in text
               and "Pasientliste" not in text for text in texts)
    items = client.get(reverse("meetings:oparl_list", args=["agendaitem"])).json()["data"]
    assert {item["name"] for item in items} >= {"Budsjett", "Felles rutine for utskrivning"}
    assert "resolutionText" not in next(i for i in items if i["name"] == "Budsjett")
