from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("organ/nytt/", views.body_edit, name="body_create"),
    path("organ/<int:pk>/", views.body_detail, name="body"),
    path("organ/<int:pk>/endre/", views.body_edit, name="body_edit"),
    path("organ/<int:body_pk>/seter/nytt/", views.seat_edit, name="seat_create"),
    path("seter/<int:pk>/endre/", views.seat_edit, name="seat_edit"),
    path("organ/<int:pk>/leder/ny/", views.chair_create, name="chair_create"),
    path("organ/<int:pk>/moteplan/vedta/", views.plan_adopt, name="plan_adopt"),
    path("organ/<int:pk>/moter/nytt/", views.meeting_create, name="meeting_create"),
    path("organ/<int:pk>/saker/foresla/", views.case_propose, name="case_propose"),
    path("organ/<int:pk>/kalender.ics", views.body_ics, name="body_ics"),
    path("mote/<int:pk>/", views.meeting_detail, name="meeting"),
    path("mote/<int:pk>/endre/", views.meeting_edit, name="meeting_edit"),
    path("mote/<int:pk>/faste-saker/", views.opening_items, name="opening_items"),
    path("mote/<int:pk>/innkalling/", views.notice_view, name="notice"),
    path("mote/<int:pk>/innkalling/send/", views.notice_send, name="notice_send"),
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
