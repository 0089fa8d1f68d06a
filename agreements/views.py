from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.documents import stored_pdf_response
from common.forms import run_service
from common.models import StoredPdf

from . import services
from .access import (
    agreements_for,
    get_agreement_for,
    get_proposal_for,
    get_version_for,
    versions_for,
)
from .comparison import compare_versions
from .documents import version_document
from .forms import (
    AdoptForm,
    AgreementForm,
    AsOnForm,
    CompareForm,
    ConsentForm,
    MeetingChoiceForm,
    ProposalForm,
    ProposedSectionForm,
    RevisionForm,
    WithdrawalForm,
)
from .history import change_log
from .models import Agreement, Section, Topic, Version, Withdrawal


def _is_secretariat(user):
    return user.is_authenticated and user.is_secretariat


def agreement_list(request):
    today = timezone.localdate()
    in_force = Version.objects.filter(agreement=OuterRef("pk")).in_force_on(today)
    agreements = agreements_for(request.user).select_related("managed_by").annotate(
        version_in_force=Subquery(in_force.values("number")[:1]))
    return render(request, "agreements/agreement_list.html", {
        "agreements": agreements, "is_secretariat": _is_secretariat(request.user),
        "today": today})


def _sections(version):
    """The columns _sections.html shows, in order. The model's ordering would join the version
    and the agreement to sort sections that are all of one version."""
    if version is None:
        return []
    return list(version.sections.only("version", "number", "heading", "text")
                .order_by("position"))


def agreement_detail(request, pk):
    agreement = get_agreement_for(request.user, pk)
    today = timezone.localdate()
    versions = list(versions_for(request.user, agreement))
    current = next((v for v in sorted(versions, key=lambda v: (v.in_force_from, v.number),
                                      reverse=True)
                    if v.is_in_force and v.in_force_from <= today), None)
    context = {"agreement": agreement, "versions": versions, "current": current,
               "sections": _sections(current), "is_secretariat": _is_secretariat(request.user),
               "as_on_form": AsOnForm(), "topics": list(agreement.topics.all())}
    if context["is_secretariat"]:
        context["proposals"] = list(agreement.proposals.select_related("meeting__body",
                                                                        "version"))
        context["revisions"] = list(agreement.planned_revisions.select_related("case"))
        context["parties"] = agreement.party_list(today)
    return render(request, "agreements/agreement_detail.html", context)


@secretariat_required
def agreement_edit(request, pk=None):
    agreement = get_for_secretariat(request.user, Agreement, pk=pk) if pk else None
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        agreement = services.save_agreement(
            form.save(commit=False), parties=form.cleaned_data["parties"],
            topics=form.cleaned_data["topics"], acting_user=request.user)
        messages.success(request, _("The agreement was saved."))
        return redirect(agreement)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Edit agreement") if agreement else _("New agreement"),
        "back": agreement})


def agreement_as_on(request, pk):
    """The agreement as in force on a date (R-AG-1): ?dato=01.03.2017."""
    # Only what the page shows: loading the related rows and every column of the agreement and
    # the version was most of what the page cost.
    agreement = get_agreement_for(request.user, pk, fields=("number", "title"))
    form = AsOnForm(request.GET or None)
    version = None
    if form.is_valid():
        version = (agreement.versions.in_force_on(form.cleaned_data["dato"])
                   .only("agreement", "number", "in_force_from").first())
    return render(request, "agreements/as_on.html", {
        "agreement": agreement, "form": form, "version": version,
        "sections": _sections(version),
        "day": form.cleaned_data["dato"] if form.is_valid() else None})


def agreement_compare(request, pk):
    """Two versions side by side, section by section, changes marked word by word (R-AG-1)."""
    agreement = get_agreement_for(request.user, pk)
    versions = {v.number: v for v in versions_for(request.user, agreement)}
    numbers = sorted(versions)
    initial = {"fra": numbers[-2] if len(numbers) > 1 else (numbers or [None])[0],
               "til": numbers[-1] if numbers else None}
    form = CompareForm(request.GET if "fra" in request.GET or "til" in request.GET
                       else initial, numbers=numbers)
    rows, old, new = [], None, None
    if form.is_valid():
        old, new = versions[form.cleaned_data["fra"]], versions[form.cleaned_data["til"]]
        by_version = {}
        for section in Section.objects.filter(version__in=[old, new]):
            by_version.setdefault(section.version_id, []).append(section)
        rows = compare_versions(by_version.get(old.pk, []), by_version.get(new.pk, []))
    return render(request, "agreements/compare.html", {
        "agreement": agreement, "form": form, "rows": rows, "old": old, "new": new,
        "changed": sum(1 for row in rows if row.status != "unchanged")})


def agreement_history(request, pk):
    """Every version with its adoption; for the secretariat also who changed what and when."""
    agreement = get_agreement_for(request.user, pk)
    context = {"agreement": agreement,
               "versions": list(versions_for(request.user, agreement).prefetch_related(
                   Prefetch("consents", to_attr="consent_list"))),
               "is_secretariat": _is_secretariat(request.user)}
    if context["is_secretariat"]:
        context["changes"] = change_log(agreement)
    return render(request, "agreements/history.html", context)


def version_detail(request, pk):
    version = get_version_for(request.user, pk)
    context = {"version": version, "agreement": version.agreement,
               "sections": _sections(version), "is_secretariat": _is_secretariat(request.user),
               "stored": StoredPdf.objects.filter(kind="agreements.version",
                                                  object_id=version.pk).first()}
    if context["is_secretariat"]:
        context["consents"] = list(version.consents.select_related("party"))
        if not version.is_in_force:
            context["missing"] = services.missing_consents(version)
    return render(request, "agreements/version_detail.html", context)


def version_pdf(request, pk):
    version = get_version_for(request.user, pk)
    return stored_pdf_response(request, "agreements.version", version.pk,
                               version_document(version.pk)[2])


@secretariat_required
def consent_add(request, pk):
    version = get_version_for(request.user, pk)
    if version.is_in_force:
        messages.info(request, _("This version is already in force."))
        return redirect(version)
    form = ConsentForm(request.POST or None, parties=services.missing_consents(version))
    if request.method == "POST" and form.is_valid() and run_service(
            form, lambda: services.record_consent(version, acting_user=request.user,
                                                  **form.cleaned_data)):
        version.refresh_from_db()
        messages.success(request, _("The consent was recorded.") + (
            " " + _("Every party has consented: the version is in force.")
            if version.is_in_force else ""))
        return redirect(version)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Consent to %(version)s") % {"version": version},
        "back": version})


@secretariat_required
def proposal_create(request, pk):
    agreement = get_for_secretariat(request.user, Agreement, pk=pk)
    form = ProposalForm(request.POST or None, initial={
        "changes_statutes": agreement.kind == Agreement.Kind.COOPERATION})
    if request.method == "POST" and form.is_valid():
        proposal = services.create_proposal(agreement, acting_user=request.user,
                                            **form.cleaned_data)
        messages.success(request, _("The change proposal was created. Add the sections it "
                                    "changes."))
        return redirect(proposal)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Change proposal for %(agreement)s") % {
            "agreement": agreement}, "back": agreement})


@secretariat_required
def proposal_detail(request, pk):
    proposal = get_proposal_for(request.user, pk)
    current = {s.number: s for s in Section.objects.filter(
        version__agreement=proposal.agreement,
        version__number=proposal.agreement.versions.aggregate(n=Max("number"))["n"] or 0)}
    changes = [{"change": change, "before": current.get(change.number)}
               for change in proposal.sections.all()]
    return render(request, "agreements/proposal_detail.html", {
        "proposal": proposal, "agreement": proposal.agreement, "changes": changes,
        "sections": sorted(current.values(), key=lambda s: s.position),
        "adopt_allowed": proposal.is_open and proposal.meeting_id is not None})


@secretariat_required
def proposal_section(request, pk):
    proposal = get_proposal_for(request.user, pk)
    number = request.GET.get("nummer", "")[:20]
    existing = proposal.sections.filter(number=number).first() if number else None
    if existing is None and number:
        existing = Section.objects.filter(
            version__agreement=proposal.agreement, number=number).order_by(
            "-version__number").first()
    initial = {"number": number, "heading": getattr(existing, "heading", ""),
               "text": getattr(existing, "text", "")}
    form = ProposedSectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and run_service(
            form, lambda: services.save_proposed_section(proposal, acting_user=request.user,
                                                         **form.cleaned_data)):
        messages.success(request, _("The section was saved in the proposal."))
        return redirect(proposal)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Section in %(proposal)s") % {"proposal": proposal},
        "back": proposal})


@secretariat_required
def proposal_meeting(request, pk):
    proposal = get_proposal_for(request.user, pk)
    form = MeetingChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and run_service(
            form, lambda: services.put_on_meeting(proposal, form.cleaned_data["meeting"],
                                                  acting_user=request.user)):
        messages.success(request, _("The proposal went to the partnership meeting as a case "
                                    "in its queue."))
        return redirect(proposal)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Send %(proposal)s to the partnership meeting") % {
            "proposal": proposal}, "back": proposal})


@secretariat_required
@require_POST
def proposal_first_reading(request, pk):
    proposal = get_proposal_for(request.user, pk)
    try:
        services.record_first_reading(proposal, acting_user=request.user)
        messages.success(request, _("The first reading was recorded. Send the proposal to a "
                                    "later partnership meeting for adoption."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(proposal)


@secretariat_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = get_proposal_for(request.user, pk)
    try:
        services.withdraw_proposal(proposal, acting_user=request.user)
        messages.success(request, _("The proposal was withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(proposal)


@secretariat_required
def proposal_adopt(request, pk):
    proposal = get_proposal_for(request.user, pk)
    form = AdoptForm(request.POST or None, initial={"meeting": proposal.meeting_id,
                                                    "adopted_by_consensus": True})
    if request.method == "POST" and form.is_valid():
        version = run_service(form, lambda: services.adopt_proposal(
            proposal, acting_user=request.user, **form.cleaned_data))
        if version:
            messages.success(request, _("Adopted as version %(number)s.") % {
                "number": version.number} + ("" if version.is_in_force else " " + _(
                    "It comes into force when every party has consented.")))
            return redirect(version)
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Adoption of %(proposal)s") % {"proposal": proposal},
        "back": proposal})


def coverage(request):
    """Which § 6-2 topics each agreement covers, and which none covers."""
    agreements = list(agreements_for(request.user).exclude(status=Agreement.Status.EXPIRED)
                      .prefetch_related("topics"))
    topics = list(Topic.objects.all())
    rows = [{"topic": topic,
             "agreements": [a for a in agreements if topic in a.topics.all()]}
            for topic in topics]
    return render(request, "agreements/coverage.html", {
        "rows": rows, "uncovered": [row["topic"] for row in rows if not row["agreements"]]})


@secretariat_required
def revisions_due(request):
    """R-AG-4: agreements by planned revision date, overdue first."""
    today = timezone.localdate()
    agreements = (Agreement.objects.exclude(status=Agreement.Status.EXPIRED)
                  .filter(revision_due__isnull=False).select_related("managed_by")
                  .prefetch_related("planned_revisions__case").order_by("revision_due", "number"))
    return render(request, "agreements/revisions.html", {
        "agreements": agreements, "today": today,
        "without_date": Agreement.objects.exclude(status=Agreement.Status.EXPIRED)
        .filter(revision_due__isnull=True)})


@secretariat_required
def revision_plan(request, pk):
    agreement = get_for_secretariat(request.user, Agreement.objects.select_related("managed_by"),
                                    pk=pk)
    form = RevisionForm(request.POST or None, initial={"planned_for": agreement.revision_due})
    if request.method == "POST" and form.is_valid():
        revision = services.plan_revision(agreement, acting_user=request.user,
                                          **form.cleaned_data)
        messages.success(request, _("The revision was planned as a case for %(body)s.") % {
            "body": agreement.managed_by} if revision.case else _("The revision was planned."))
        return redirect("agreements:revisions")
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Plan the revision of %(agreement)s") % {
            "agreement": agreement}, "back": agreement})


@secretariat_required
def withdrawal_list(request):
    withdrawals = Withdrawal.objects.select_related("municipality")
    return render(request, "agreements/withdrawals.html", {
        "withdrawals": withdrawals, "today": timezone.localdate()})


@secretariat_required
def withdrawal_create(request):
    form = WithdrawalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        withdrawal = run_service(form, lambda: services.record_withdrawal(acting_user=request.user,
                                                                   **form.cleaned_data))
        if withdrawal:
            messages.success(request, _(
                "The withdrawal of %(municipality)s takes effect on %(date)s; it stays a "
                "member and pays for %(year)s.") % {
                "municipality": withdrawal.municipality,
                "date": withdrawal.takes_effect_on.strftime("%d.%m.%Y"),
                "year": withdrawal.last_paying_year})
            return redirect("agreements:withdrawals")
    return render(request, "agreements/form.html", {
        "form": form, "title": _("Record a withdrawal"), "back": None})


@secretariat_required
def withdrawal_document(request, pk):
    withdrawal = get_for_secretariat(request.user, Withdrawal, pk=pk)
    if not withdrawal.document:
        raise Http404
    return FileResponse(withdrawal.document.open("rb"), content_type="application/pdf",
                        filename=withdrawal.original_name)
