from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="agreements"),
    path("ny/", views.agreement_edit, name="agreement_create"),
    path("dekning/", views.coverage, name="coverage"),
    path("revisjon/", views.revisions_due, name="revisions"),
    path("uttreden/", views.withdrawal_list, name="withdrawals"),
    path("uttreden/ny/", views.withdrawal_create, name="withdrawal_create"),
    path("uttreden/<int:pk>/varsel.pdf", views.withdrawal_document, name="withdrawal_document"),
    path("<int:pk>/", views.agreement_detail, name="agreement"),
    path("<int:pk>/endre/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/gjeldende/", views.agreement_as_on, name="as_on"),
    path("<int:pk>/sammenlign/", views.agreement_compare, name="compare"),
    path("<int:pk>/historikk/", views.agreement_history, name="history"),
    path("<int:pk>/endringsforslag/nytt/", views.proposal_create, name="proposal_create"),
    path("<int:pk>/revisjon/planlegg/", views.revision_plan, name="revision_plan"),
    path("versjon/<int:pk>/", views.version_detail, name="version"),
    path("versjon/<int:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path("versjon/<int:pk>/samtykke/", views.consent_add, name="consent_add"),
    path("endringsforslag/<int:pk>/", views.proposal_detail, name="proposal"),
    path("endringsforslag/<int:pk>/paragraf/", views.proposal_section, name="proposal_section"),
    path("endringsforslag/<int:pk>/mote/", views.proposal_meeting, name="proposal_meeting"),
    path("endringsforslag/<int:pk>/forste-gangs-behandling/", views.proposal_first_reading,
         name="proposal_first_reading"),
    path("endringsforslag/<int:pk>/vedta/", views.proposal_adopt, name="proposal_adopt"),
    path("endringsforslag/<int:pk>/trekk/", views.proposal_withdraw, name="proposal_withdraw"),
]
