"""The extraction package (avleveringspakke) as files: arkivstruktur.xml, endringslogg.xml
from the change history, arkivuttrekk.xml (ADDML) listing every file with its count and
checksum, and the documents under DOKUMENT/ (R-PUB-3). As a ZIP for the secretariat, or
written to a folder by `manage.py noark5_package`."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from lxml import etree

from members.models import Partnership

from ..models import Attachment, Case, Meeting, Screening
from . import records
from .noark5 import Builder, _when
from .records import system_id

ENDRINGSLOGG = "http://www.arkivverket.no/standarder/noark5/endringslogg"
ADDML = "http://www.arkivverket.no/standarder/addml"
NO_VALUE = "(ingen)"
# Which of our fields is which Noark metadata, on which archive record.
TRACKED = {
    Meeting: ("meeting", {"place": "moetested", "starts_at": "moetedato"}),
    Case: ("registrering", {"title": "tittel"}),
    Attachment: ("attachment", {"title": "tittel", "legal_basis": "skjermingshjemmel",
                                "access_code": "tilgangsrestriksjon"}),
    Screening: ("registrering", {"public_title": "offentligTittel",
                                 "legal_basis": "skjermingshjemmel",
                                 "access_code": "tilgangsrestriksjon"}),
}


@dataclass
class Package:
    files: dict  # path in the package → bytes
    counts: dict

    def zip_bytes(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, data in sorted(self.files.items()):
                archive.writestr(path, data)
        return buffer.getvalue()

    def write_to(self, folder):
        for path, data in self.files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _record_key(model, record):
    """The archive record a historical row belongs to: its moetemappe or the case's
    moeteregistrering (which holds its attachments and screening)."""
    if model is Meeting:
        return system_id("meeting", record.id)
    if model is Case:
        return system_id("registrering", f"case-{record.id}")
    return system_id("registrering", f"case-{record.case_id}")


def _changes(meetings):
    """Every change of a tracked field of the package's records, oldest first."""
    meeting_ids = [m.pk for m in meetings]
    case_ids = [c.pk for m in meetings for c in m.archived_cases]
    scopes = {Meeting: Q(id__in=meeting_ids), Case: Q(id__in=case_ids),
              Attachment: Q(case_id__in=case_ids), Screening: Q(case_id__in=case_ids)}
    found = []
    for model, (_kind, fields) in TRACKED.items():
        history = (model.history.filter(scopes[model]).select_related("history_user")
                   .order_by("id", "history_date", "history_id"))
        previous = None
        for record in history:
            if previous is not None and previous.id == record.id:
                for field, name in fields.items():
                    old, new = getattr(previous, field), getattr(record, field)
                    if old != new:
                        found.append((record.history_date, _record_key(model, record),
                                      name, record, old, new))
            previous = record
    return sorted(found, key=lambda change: change[0])


def _text(value):
    if hasattr(value, "isoformat"):
        return _when(value) if hasattr(value, "hour") else value.isoformat()
    return str(value) if value not in (None, "") else NO_VALUE


def endringslogg(meetings):
    changes = _changes(meetings)
    if not changes:
        return None
    root = etree.Element(f"{{{ENDRINGSLOGG}}}endringslogg", nsmap={None: ENDRINGSLOGG})
    for when, key, name, record, old, new in changes:
        change = etree.SubElement(root, f"{{{ENDRINGSLOGG}}}endring")
        user = record.history_user
        for tag, value in [("referanseArkivenhet", key), ("referanseMetadata", name),
                           ("endretDato", _when(when)),
                           ("endretAv", user.name if user else "System"),
                           ("tidligereVerdi", _text(old)), ("nyVerdi", _text(new))]:
            etree.SubElement(change, f"{{{ENDRINGSLOGG}}}{tag}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _property(parent, name, value=None):
    prop = etree.SubElement(parent, f"{{{ADDML}}}property", name=name)
    if value is not None:
        etree.SubElement(prop, f"{{{ADDML}}}value").text = str(value)
    return prop


def _properties(parent):
    return etree.SubElement(parent, f"{{{ADDML}}}properties")


def arkivuttrekk(files, counts, *, title, period):
    """ADDML: the package described, with each file's checksum and the record counts."""
    root = etree.Element(f"{{{ADDML}}}addml", nsmap={None: ADDML}, name=title)
    dataset = etree.SubElement(root, f"{{{ADDML}}}dataset", name=title)
    objects = etree.SubElement(dataset, f"{{{ADDML}}}dataObjects")
    package = etree.SubElement(objects, f"{{{ADDML}}}dataObject", name="Noark 5 arkivuttrekk")
    info = _property(_properties(package), "info")
    details = _properties(info)
    _property(details, "type", "Noark 5")
    _property(details, "version", "5.0")
    _property(details, "period", period)
    inner = etree.SubElement(package, f"{{{ADDML}}}dataObjects")
    for path, data in sorted(files.items()):
        entry = etree.SubElement(inner, f"{{{ADDML}}}dataObject", name=path)
        file_properties = _properties(_property(_properties(entry), "file"))
        _property(file_properties, "name", path)
        checksum = _properties(_property(file_properties, "checksum"))
        _property(checksum, "algorithm", "SHA256")
        _property(checksum, "value", hashlib.sha256(data).hexdigest())
        _property(file_properties, "size", len(data))
        if path == "arkivstruktur.xml":
            for tag, count in counts.items():
                _property(file_properties, f"numberOfOccurrences:{tag}", count)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def build_package(year, *, body=None, archived_by, now=None):
    """The extraction package of one body's year, or of the whole partnership's (R-PUB-3)."""
    partnership = Partnership.current()
    name = str(partnership) if partnership else "Helsefellesskap"
    creator = (partnership.organisation_number if partnership and
               partnership.organisation_number else "helsefellesskap")
    bodies = records.bodies_for(body)
    builder = Builder(partnership_name=name, creator_id=creator, archived_by=archived_by,
                      now=now)
    created = min((b.created for b in bodies), default=now or timezone.now())
    files = {"arkivstruktur.xml": builder.build(bodies, year, created=created)}
    for document in builder.files:
        files[document.path] = document.data
    meetings = [m for b in bodies for m in records.meetings_of(b, year)]
    log = endringslogg(meetings)
    if log is not None:
        files["endringslogg.xml"] = log
    title = f"{name} {body.name if body else ''} {year}".replace("  ", " ")
    files["arkivuttrekk.xml"] = arkivuttrekk(dict(files), builder.counts, title=title,
                                             period=f"{year}-01-01 – {year}-12-31")
    return Package(files, builder.counts)


def package_name(year, body=None):
    return f"noark5-{body.short_name or body.pk if body else 'helsefellesskap'}-{year}"
