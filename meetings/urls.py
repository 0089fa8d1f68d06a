from django.urls import path

from . import (
    attendance_views,
    body_views,
    follow_up_views,
    holding_views,
    preparing_views,
    public,
    public_site,
    screening_views,
    secretariat_views,
    views,
)
from .archive import views as archive
from .oparl import views as oparl

app_name = "meetings"
urlpatterns = [
    path("", body_views.body_list, name="bodies"),
    path("organ/nytt/", body_views.body_edit, name="body_create"),
    path("organ/<int:pk>/", body_views.body_detail, name="body"),
    path("organ/<int:pk>/endre/", body_views.body_edit, name="body_edit"),
    path("organ/<int:body_pk>/seter/nytt/", body_views.seat_edit, name="seat_create"),
    path("seter/<int:pk>/endre/", body_views.seat_edit, name="seat_edit"),
    path("organ/<int:pk>/leder/ny/", body_views.chair_create, name="chair_create"),
    path("organ/<int:pk>/sekretariat/", secretariat_views.secretariat_page, name="secretariat"),
    path("organ/<int:pk>/moteplan/vedta/", body_views.plan_adopt, name="plan_adopt"),
    path("organ/<int:pk>/mandat/", body_views.mandate_adopt, name="mandate_adopt"),
    path("organ/<int:pk>/moter/nytt/", views.meeting_create, name="meeting_create"),
    path("organ/<int:pk>/saker/foresla/", views.case_propose, name="case_propose"),
    path("organ/<int:pk>/kalender.ics", views.body_ics, name="body_ics"),
    path("mote/<int:pk>/", views.meeting_detail, name="meeting"),
    path("mote/<int:pk>/endre/", preparing_views.meeting_edit, name="meeting_edit"),
    path("mote/<int:pk>/avlys/", preparing_views.meeting_cancel, name="meeting_cancel"),
    path("mote/<int:pk>/faste-saker/", views.opening_items, name="opening_items"),
    path("mote/<int:pk>/innkalling/", preparing_views.notice_view, name="notice"),
    path("mote/<int:pk>/innkalling/send/", preparing_views.notice_send, name="notice_send"),
    path("mote/<int:pk>/saksliste/be-om-godkjenning/", preparing_views.agreement_ask,
         name="agreement_ask"),
    path("mote/<int:pk>/saksliste/godkjenn/", preparing_views.agenda_agree,
         name="agenda_agree"),
    path("saksliste/<str:token>/", preparing_views.agenda_agree_link,
         name="agenda_agree_link"),
    path("mote/<int:pk>/innkalling.pdf", views.notice_pdf, name="notice_pdf"),
    path("sak/<int:pk>/", views.case_detail, name="case"),
    path("sak/<int:pk>/endre/", views.case_edit, name="case_edit"),
    path("sak/<int:pk>/behandle/", views.case_triage, name="case_triage"),
    path("sak/<int:pk>/flytt/", views.case_move, name="case_move"),
    path("sak/<int:pk>/trekk/", views.case_withdraw, name="case_withdraw"),
    path("sak/<int:pk>/vedlegg/nytt/", views.attachment_add, name="attachment_add"),
    path("sak/<int:pk>/saksfremlegg.pdf", views.case_pdf, name="case_pdf"),
    path("vedlegg/<int:pk>/", views.attachment_download, name="attachment"),
    path("mine-moter/", views.my_meetings, name="my_meetings"),
    path("kalender/", views.calendar_link, name="calendar"),
    path("kalender/<str:token>.ics", views.personal_ics, name="personal_ics"),
]

# Holding a meeting and what follows (meetings/holding_views.py).
urlpatterns += [
    path("mote/<int:pk>/oppmote/", holding_views.attendance_page, name="attendance"),
    path("oppmote/<int:pk>/rett/", holding_views.attendance_correct, name="attendance_correct"),
    path("mote/<int:pk>/avholdt/", holding_views.meeting_held, name="meeting_held"),
    path("mote/<int:pk>/forfall/", holding_views.absence_report, name="absence_report"),
    path("forfall/<str:token>/", holding_views.absence_link, name="absence_link"),
    path("fravaer/<int:pk>/innkall-vara/", holding_views.deputy_summon, name="deputy_summon"),
    path("fravaer/<int:pk>/trekk/", attendance_views.absence_withdraw, name="absence_withdraw"),
    path("vara/<str:token>/", holding_views.deputy_answer, name="deputy_answer"),
    path("sak/<int:pk>/vedtak/", holding_views.decision_edit, name="decision"),
    path("sak/<int:pk>/oppfolging/ny/", follow_up_views.follow_up_add, name="follow_up_add"),
    path("oppfolging/", follow_up_views.follow_up_list, name="follow_ups"),
    path("oppfolging/<int:pk>/", follow_up_views.follow_up_detail, name="follow_up"),
    path("mote/<int:pk>/protokoll/", holding_views.minutes_page, name="minutes"),
    path("mote/<int:pk>/protokoll/start/", holding_views.minutes_start, name="minutes_start"),
    path("mote/<int:pk>/protokoll/endre/", holding_views.minutes_edit, name="minutes_edit"),
    path("mote/<int:pk>/protokoll/send/", holding_views.minutes_send, name="minutes_send"),
    path("mote/<int:pk>/protokoll/publiser/", holding_views.minutes_publish,
         name="minutes_publish"),
    path("mote/<int:pk>/protokoll/rett/", holding_views.minutes_correct,
         name="minutes_correct"),
    path("mote/<int:pk>/protokoll.pdf", holding_views.minutes_pdf, name="minutes_pdf"),
    path("organ/<int:pk>/arsrapport/", holding_views.annual_report, name="annual_report"),
    path("organ/<int:pk>/arsrapport/<int:year>/pdf/", holding_views.annual_report_make_pdf,
         name="annual_report_make_pdf"),
    path("organ/<int:pk>/arsrapport/<int:year>.pdf", holding_views.annual_report_pdf,
         name="annual_report_pdf"),
]

# Public pages and open data, no login (meetings/public.py, meetings/oparl/).
urlpatterns += [
    path("offentlig/", public.body_list, name="public_bodies"),
    path("offentlig/kalender/", public.calendar, name="public_calendar"),
    path("offentlig/mote/<int:pk>/", public.meeting_detail, name="public_meeting"),
    path("offentlig/sok/", public.search, name="public_search"),
    path("offentlig/sak/<int:pk>.pdf", public.case_pdf, name="public_case_pdf"),
    path("offentlig/mote/<int:pk>/protokoll.pdf", public.minutes_pdf,
         name="public_minutes_pdf"),
    path("offentlig/organ/<int:pk>/", public_site.body_detail, name="public_body"),
    path("offentlig/nytt.atom", public_site.feed_all, name="public_feed"),
    path("offentlig/organ/<int:pk>/nytt.atom", public_site.feed_body, name="public_body_feed"),
    path("oparl/", oparl.system, name="oparl_system"),
    path("oparl/<str:kind>/", oparl.object_list, name="oparl_list"),
    path("oparl/<str:kind>/<int:pk>/", oparl.object_detail, name="oparl_object"),
]

# Screening (meetings/screening_views.py).
urlpatterns += [
    path("sak/<int:pk>/skjerming/", screening_views.case_screening, name="case_screening"),
    path("sak/<int:pk>/skjerming/<str:part>/opphev/", screening_views.case_screening_lift,
         name="case_screening_lift"),
    path("vedlegg/<int:pk>/skjerming/", screening_views.attachment_screening,
         name="attachment_screening"),
]

# The archive (meetings/archive/).
urlpatterns += [
    path("arkiv/noark5/", archive.package_page, name="noark5_package"),
]
