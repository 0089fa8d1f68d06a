"""The section of the main menu the page belongs to, so that the menu can mark it."""

# Namespaces whose pages form one section each; within the member register, the users and the
# change log belong to Administration, as does the audit log.
SECTIONS = {"meetings": "meetings", "agreements": "agreements", "finance": "finance",
            "members": "members"}
ADMINISTRATION = {"members": ("user", "history"), "common": ("audit_log",)}


def navigation(request):
    match = request.resolver_match
    if match is None:
        return {"section": ""}
    namespace, name = match.namespace, match.url_name or ""
    if name.startswith(ADMINISTRATION.get(namespace, ())):
        return {"section": "administration"}
    return {"section": SECTIONS.get(namespace, "")}
