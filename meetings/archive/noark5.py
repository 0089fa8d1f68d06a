"""arkivstruktur.xml (Noark 5 v5.0): one arkivdel per body, one moetemappe per meeting, and
moeteregistreringer for the notice, each case's papers and decision (the case's extract from
the approved minutes), and the minutes, each document with its dokumentbeskrivelse and
dokumentobjekt (the file under DOKUMENT/ with its variant, format and SHA-256). Screening
(R-PUB-1) is carried as skjerming: tilgangsrestriksjon is the access code, skjermingshjemmel
the legal basis (R-PUB-3)."""

from django.utils import timezone
from lxml import etree

from ..models import Screening
from . import records
from .records import system_id

N5 = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{N5} arkivstruktur.xsd"
CLOSED = "Avsluttet"
DONE = "Dokumentet er ferdigstilt"
ELECTRONIC = "Elektronisk arkiv"
SECRETARIAT = "Sekretariatet"
WHOLE_DOCUMENT = "Hele dokumentet"
CONVERTER = "WeasyPrint"


def _el(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{N5}}}{tag}", **attributes)
    if text is not None:
        element.text = str(text)
    return element


def _when(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


class Builder:
    """Builds the XML and collects the files it refers to."""

    def __init__(self, *, partnership_name, creator_id, archived_by, now=None):
        self.partnership_name = partnership_name
        self.creator_id = creator_id
        self.archived_by = archived_by
        self.now = _when(now or timezone.now())
        self.files = []
        self.counts = {"mappe": 0, "registrering": 0, "dokumentbeskrivelse": 0,
                       "dokumentobjekt": 0}

    # Shared parts

    def _created(self, parent, when):
        _el(parent, "opprettetDato", _when(when))
        _el(parent, "opprettetAv", self.archived_by)

    def _closed(self, parent):
        _el(parent, "avsluttetDato", self.now)
        _el(parent, "avsluttetAv", self.archived_by)

    @staticmethod
    def _skjerming(parent, code, basis, metadata, whole_document=False):
        skjerming = _el(parent, "skjerming")
        _el(skjerming, "tilgangsrestriksjon", code)
        _el(skjerming, "skjermingshjemmel", basis)
        for name in metadata:
            _el(skjerming, "skjermingMetadata", name)
        if whole_document:
            _el(skjerming, "skjermingDokument", WHOLE_DOCUMENT)

    def _document(self, registrering, *, number, kind, role, title, when, files,
                  screening=None):
        """A dokumentbeskrivelse with its dokumentobjekt per file: the archival one, or the
        production one and any archival variant made of it."""
        self.counts["dokumentbeskrivelse"] += 1
        description = _el(registrering, "dokumentbeskrivelse")
        _el(description, "systemID", system_id(f"document:{files[0].name}", number))
        _el(description, "dokumenttype", kind)
        _el(description, "dokumentstatus", DONE)
        _el(description, "tittel", title)
        self._created(description, when)
        _el(description, "tilknyttetRegistreringSom", role)
        _el(description, "dokumentnummer", number)
        _el(description, "tilknyttetDato", _when(when))
        _el(description, "tilknyttetAv", self.archived_by)
        if screening is not None:
            self._skjerming(description, *screening)
        for document in files:
            self._object(description, document, when)

    def _object(self, description, document, when):
        self.counts["dokumentobjekt"] += 1
        obj = _el(description, "dokumentobjekt")
        _el(obj, "systemID", system_id("file", document.name))
        _el(obj, "versjonsnummer", 1)
        _el(obj, "variantformat", document.variant)
        _el(obj, "format", document.format)
        _el(obj, "formatDetaljer", document.mime_type)
        self._created(obj, when)
        _el(obj, "referanseDokumentfil", document.path)
        _el(obj, "sjekksum", document.sha256)
        _el(obj, "sjekksumAlgoritme", "SHA256")
        _el(obj, "filstoerrelse", document.size)
        if document.converted_from:
            conversion = _el(obj, "konvertering")
            _el(conversion, "konvertertDato", self.now)
            _el(conversion, "konvertertAv", self.archived_by)
            _el(conversion, "konvertertFraFormat", document.converted_from)
            _el(conversion, "konvertertTilFormat", document.format)
            _el(conversion, "konverteringsverktoey", CONVERTER)
        self.files.append(document)

    def _registrering(self, mappe, *, key, when, title, kind, case_kind=None,
                      public_title=None, description=None, screening=None, documents=()):
        self.counts["registrering"] += 1
        registrering = _el(mappe, "registrering",
                           attrib={f"{{{XSI}}}type": "moeteregistrering"})
        _el(registrering, "systemID", system_id("registrering", key))
        self._created(registrering, when)
        _el(registrering, "arkivertDato", self.now)
        _el(registrering, "arkivertAv", self.archived_by)
        if screening is not None:
            self._skjerming(registrering, *screening)
        for number, document in enumerate(documents, start=1):
            self._document(registrering, number=number, **document)
        _el(registrering, "registreringsID", key)
        _el(registrering, "tittel", title)
        if public_title:
            _el(registrering, "offentligTittel", public_title)
        if description:
            _el(registrering, "beskrivelse", description)
        _el(registrering, "moeteregistreringstype", kind)
        if case_kind:
            _el(registrering, "moetesakstype", case_kind)
        _el(registrering, "administrativEnhet", SECRETARIAT)
        _el(registrering, "saksbehandler", self.archived_by)
        return registrering

    # The records

    def _notice(self, mappe, meeting):
        notice = records.notice_file(meeting)
        documents = [{"kind": "Møteinnkalling", "role": "Hoveddokument",
                      "title": f"Innkalling {meeting}", "when": meeting.notice_sent_at,
                      "files": [notice]}] if notice else []
        self._registrering(mappe, key=f"meeting-{meeting.pk}-notice",
                           when=meeting.notice_sent_at, title=f"Innkalling og saksliste "
                           f"{meeting}", kind="Møteinnkalling", documents=documents)

    def _case(self, mappe, case):
        screenings = {s.part: s for s in case.screenings.all()}
        title_screening = screenings.get(Screening.Part.TITLE)
        papers_screening = screenings.get(Screening.Part.PAPERS)
        label = f"{case.label} {case.title}".strip()
        documents = []
        papers = records.case_file(case)
        if papers is not None:
            documents.append({
                "kind": "Saksframlegg", "role": "Hoveddokument", "title": label,
                "when": case.updated, "files": [papers],
                "screening": (papers_screening.access_code, papers_screening.legal_basis,
                              ["dokumentobjekt"], True) if papers_screening else None})
        for attachment in case.attachments.all():
            documents.append({
                "kind": "Vedlegg", "role": "Vedlegg", "title": attachment.title,
                "when": attachment.created, "files": records.attachment_files(attachment),
                "screening": (attachment.access_code, attachment.legal_basis, ["tittel"], True)
                if attachment.screened else None})
        self._registrering(
            mappe, key=f"case-{case.pk}", when=case.submitted_at, title=label,
            kind="Saksframlegg", case_kind=case.get_kind_display(),
            public_title=(f"{case.label} {title_screening.public_title}".strip()
                          if title_screening else None),
            screening=(title_screening.access_code, title_screening.legal_basis, ["tittel"])
            if title_screening else None, documents=documents)
        decision = getattr(case, "decision", None)
        if decision is not None:
            screened = screenings.get(Screening.Part.DECISION)
            text = "\n\n".join(t for t in (decision.minutes_text, decision.text) if t)
            extract = records.decision_file(decision)
            documents = [{
                "kind": "Vedtak", "role": "Hoveddokument", "title": f"Vedtak {label}",
                "when": decision.created, "files": [extract],
                "screening": (screened.access_code, screened.legal_basis, ["dokumentobjekt"],
                              True) if screened else None}] if extract else []
            self._registrering(
                mappe, key=f"case-{case.pk}-decision", when=decision.created,
                title=f"Vedtak {label}", kind="Vedtak", case_kind=decision.get_mode_display(),
                public_title=(f"Vedtak {case.label} {title_screening.public_title}".strip()
                              if title_screening else None),
                description=text or decision.get_mode_display(),
                screening=(screened.access_code, screened.legal_basis, ["beskrivelse"])
                if screened else None, documents=documents)

    def _minutes(self, mappe, meeting):
        minutes = records.archived_minutes(meeting)
        if minutes is None:
            return
        document = records.minutes_file(minutes)
        documents = [{"kind": "Møteprotokoll", "role": "Hoveddokument",
                      "title": f"Protokoll {meeting} versjon {minutes.version}",
                      "when": minutes.approved_at or minutes.updated,
                      "files": [document]}] if document else []
        self._registrering(mappe, key=f"minutes-{minutes.pk}",
                           when=minutes.approved_at or minutes.updated,
                           title=f"Protokoll {meeting}", kind="Møteprotokoll",
                           documents=documents)

    def _moetemappe(self, arkivdel, meeting, number):
        self.counts["mappe"] += 1
        mappe = _el(arkivdel, "mappe", attrib={f"{{{XSI}}}type": "moetemappe"})
        _el(mappe, "systemID", system_id("meeting", meeting.pk))
        _el(mappe, "mappeID", f"{meeting.body.short_name or meeting.body.pk}-"
                              f"{meeting.date.year}-{number}")
        _el(mappe, "tittel", f"Møte i {meeting.body} {meeting.date:%d.%m.%Y}")
        self._created(mappe, meeting.created)
        self._closed(mappe)
        self._notice(mappe, meeting)
        for case in meeting.archived_cases:
            self._case(mappe, case)
        self._minutes(mappe, meeting)
        _el(mappe, "moetenummer", number)
        _el(mappe, "utvalg", meeting.body.name)
        _el(mappe, "moetedato", meeting.date.isoformat())
        if meeting.place:
            _el(mappe, "moetested", meeting.place)
        for attendance in sorted(meeting.attendances.all(), key=lambda a: a.seat.sort_key()):
            participant = _el(mappe, "moetedeltaker")
            _el(participant, "moetedeltakerNavn", attendance.seat.holder.name)
            _el(participant, "moetedeltakerFunksjon", attendance.seat.get_role_display())

    def _arkivdel(self, arkiv, body, year):
        arkivdel = _el(arkiv, "arkivdel")
        _el(arkivdel, "systemID", system_id(f"arkivdel:{year}", body.pk))
        _el(arkivdel, "tittel", f"Møtebok {body} {year}")
        _el(arkivdel, "arkivdelstatus", "Avsluttet periode")
        _el(arkivdel, "dokumentmedium", ELECTRONIC)
        self._created(arkivdel, body.created)
        self._closed(arkivdel)
        _el(arkivdel, "arkivperiodeStartDato", f"{year}-01-01")
        _el(arkivdel, "arkivperiodeSluttDato", f"{year}-12-31")
        for number, meeting in enumerate(records.meetings_of(body, year), start=1):
            self._moetemappe(arkivdel, meeting, number)

    def build(self, bodies, year, *, created):
        """The arkivstruktur document for `bodies` and `year`, as bytes."""
        root = etree.Element(f"{{{N5}}}arkiv", nsmap={None: N5, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        _el(root, "systemID", system_id(f"arkiv:{year}", ",".join(str(b.pk) for b in bodies)))
        _el(root, "tittel", f"{self.partnership_name}: møtebøker {year}")
        _el(root, "arkivstatus", CLOSED)
        _el(root, "dokumentmedium", ELECTRONIC)
        self._created(root, created)
        self._closed(root)
        creator = _el(root, "arkivskaper")
        _el(creator, "arkivskaperID", self.creator_id)
        _el(creator, "arkivskaperNavn", self.partnership_name)
        for body in bodies:
            self._arkivdel(root, body, year)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
