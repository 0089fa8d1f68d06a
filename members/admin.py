from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import EmailAuthenticationForm
from .models import LoginThrottle, Organisation, Partnership, Person, PopulationFigure, User


class AdminLoginForm(EmailAuthenticationForm, AdminAuthenticationForm):
    """The admin's login is throttled and audited like the site's own."""


admin.site.login_form = AdminLoginForm


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "name_qualifier", "kind", "organisation_number",
                    "regional_council", "joined_on", "left_on"]
    list_filter = ["kind", "regional_council"]
    search_fields = ["name", "number", "organisation_number"]
    list_select_related = ["regional_council"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "host_municipality", "hospital_trust"]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "year", "population", "source"]
    list_filter = ["year"]
    search_fields = ["municipality__name", "municipality__number"]
    list_select_related = ["municipality"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organisation", "email"]
    search_fields = ["name", "email"]
    list_select_related = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["name"]
    list_display = ["email", "name", "role", "person", "municipality", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (_("Role"), {"fields": ["role", "person", "municipality", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["email", "name", "role", "person", "municipality",
                           "password1", "password2"]}),
    ]
    filter_horizontal = []


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    list_display = ["email", "failures", "last_failure", "locked_until"]
    readonly_fields = ["email", "failures", "last_failure"]
