"""Write a year's Noark 5 extraction package to a folder, for scheduled delivery to the
archive (R-PUB-3): `manage.py noark5_package 2026 /srv/arkiv [--body SSU]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.archive.package import build_package, package_name
from meetings.models import Body


class Command(BaseCommand):
    help = "Write the Noark 5 extraction package of a year (one body or the whole partnership)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("folder", type=Path)
        parser.add_argument("--body", help="The body's short name; all bodies when left out.")

    def handle(self, *args, year, folder, body=None, **options):
        chosen = None
        if body:
            chosen = Body.objects.filter(short_name=body).first()
            if chosen is None:
                raise CommandError(f"No body with the short name {body!r}.")
        package = build_package(year, body=chosen, archived_by="Helsefellesskap")
        target = folder / package_name(year, chosen)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} exists and is not empty.")
        package.write_to(target)
        counts = ", ".join(f"{n} {tag}" for tag, n in package.counts.items())
        self.stdout.write(f"{target}: {len(package.files)} files ({counts})")
