"""Rich text from an editor (case presentations, agreement sections): only an allow-list of
tags is kept. Every door that saves rich text — the product's forms, the admin — and every
template that shows it goes through `sanitise`, so raw HTML never reaches a visitor."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h3", "h4",
                "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def sanitise(html):
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


class SanitisedInAdmin:
    """A ModelAdmin mixin: the fields named in `rich_text_fields` are sanitised on save, as
    the product's own forms do."""

    rich_text_fields = ()

    def save_model(self, request, obj, form, change):
        for name in self.rich_text_fields:
            setattr(obj, name, sanitise(getattr(obj, name)))
        super().save_model(request, obj, form, change)
