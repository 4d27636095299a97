"""Load the demo configuration, staff accounts, public pages and cases (idempotent, no questions).

`make run` calls this on every start. A second run changes nothing: rows are found by their
code (priorities, teams, categories), username (staff) or type and slug (pages). Values that
someone changed since they were loaded (a priority's hours, a password, a page edited in the
CMS) are kept; only empty fields are filled in. `--reset` puts the demo values back.

The contact channels shown on the "how to complain" page (ContactSettings) are written while
nobody has set any of them; after that they are kept, since clearing one hides that channel.
Pages that an earlier version loaded as another type (a standard page at a slug that now has
its own page type) are replaced by the new type when nobody edited them in the CMS.

The demo content is data: the files of portal/demo/ (configuration, staff, settings, pages)
and workflow/demo/ (cases), checked against their schema before anything is written; a file
that does not fit stops the command with an error naming the file and the key.

A year of backdated, closed cases (improvement/data/demo_history.toml, generated and
bulk-created by `improvement.demo_history`) is loaded once, with the root-cause taxonomy, the
objectives for the year and a few corrective actions, so the clause 8 pages show trends: a
second run adds nothing once any history case exists.

Demo cases (workflow/demo/cases.toml) are created once each, found by their submission key, and
then left as they are: staff may move them on, and neither a second run nor `--reset` touches
them. The outside recourse told with a review's outcome is written if nobody has written it.
"""

import os
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import translation

from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

from improvement.demo_history import history_load, history_read
from portal.demo import schema
from portal.demo.schema import ALL_TEAMS, DemoContent
from portal.models import PAGE_MODELS, HomePage
from workflow.datafiles import DataFileError
from workflow.demo_cases import demo_cases_load, demo_cases_read
from workflow.models import Category, Priority, Team
from workflow.roles import roles_sync

PAGES_BY_NAME = {model.__name__: model for model in PAGE_MODELS}
FALLBACK_HOME_SLUG = "portal-home"


class Command(BaseCommand):
    help = (
        "Create the demo priorities, teams, categories, staff accounts, public pages and "
        "cases. "
        "Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put the demo values back where they were changed since they were loaded: "
                "configuration, staff accounts (including their passwords) and pages edited "
                "in the CMS."
            ),
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with the production settings (it creates known-password accounts).",
        )

    def handle(self, *args, reset: bool, allow_production: bool, **options):
        # Overridden settings (tests) hide SETTINGS_MODULE; the environment still names it.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith(".production") and not allow_production:
            raise CommandError(
                "load_demo creates accounts with a published password: it does not run with the "
                "production settings unless --allow-production is given."
            )
        verbose = options["verbosity"] >= 2
        try:
            content = schema.read()
            cases = demo_cases_read()
            history_read()
        except DataFileError as error:
            raise CommandError(f"A demo data file does not fit its schema: {error}") from error
        # Publishing pages clears cached site paths: the database cache needs its table
        # (a no-op when it exists or when the cache is Redis).
        call_command("createcachetable", verbosity=0)
        tally: Counter = Counter()
        log = self.stdout.write if verbose else _quiet
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            roles_sync()
            priorities_load(content=content, reset=reset, tally=tally, log=log)
            teams = teams_load(content=content, reset=reset, tally=tally, log=log)
            categories_load(content=content, teams=teams, reset=reset, tally=tally, log=log)
            accounts = staff_load(content=content, teams=teams, reset=reset, tally=tally, log=log)
            settings_load(content=content, reset=reset, tally=tally, log=log)
            demo_cases_load(cases=cases, tally=tally, log=log)
            history_load(handlers=cases.handlers, tally=tally, log=log)
            skipped = pages_load(content=content, reset=reset, tally=tally, log=log)
        self._report(
            tally=tally,
            accounts=accounts,
            skipped=skipped,
            reset=reset,
            password=content.password,
        )

    def _report(
        self, *, tally: Counter, accounts: list[dict], skipped: list[str], reset: bool, password
    ) -> None:
        kinds = (
            "priorities",
            "teams",
            "categories",
            "staff",
            "settings",
            "pages",
            "root causes",
            "objectives",
            "actions",
            "history cases",
            "cases",
        )
        parts = []
        for kind in kinds:
            counts = [
                f"{tally[kind, outcome]} {outcome}"
                for outcome in ("created", "updated", "unchanged")
                if tally[kind, outcome]
            ]
            parts.append(f"{kind}: {', '.join(counts) or 'none'}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. " + "; ".join(parts) + "."))
        for warning in skipped:
            self.stdout.write(self.style.WARNING(warning))

        rows = [("username", "password", "role", "teams", "this run")]
        for account in accounts:
            rows.append(
                (
                    account["username"],
                    password,
                    account["role"],
                    account["teams"],
                    account["outcome"],
                )
            )
        widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo staff accounts (log in at /staff/)"))
        for index, row in enumerate(rows):
            line = "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
            self.stdout.write("  " + line.rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                f"FOR DEMONSTRATION ONLY: every demo account uses the password "
                f"“{password}”. Never use them on a real system."
            )
        )
        if not reset and any(account["outcome"] != "created" for account in accounts):
            self.stdout.write(
                "Accounts that already existed keep their current password (the demo one "
                "unless someone changed it); `load_demo --reset` sets it again."
            )


def _quiet(message: str) -> None:
    """Logger used at the default verbosity: per-row messages are not shown."""


# --- Helpers -----------------------------------------------------------------------------------


def _translated(*, field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"en": "Low", ...} → {"name_en": "Low", ...} (modeltranslation's columns)."""
    return {f"{field}_{language}": text for language, text in texts.items()}


def _field_values(*, spec: dict) -> dict:
    """A page's or a setting's untranslated `fields` and every translation of its `text`
    ({"en": {"title": …}} → {"title_en": …})."""
    values = {**spec["fields"]}
    for language, texts in spec["text"].items():
        for field, text in texts.items():
            values[f"{field}_{language}"] = text
    return values


def _is_blank(value) -> bool:
    return value is None or value == ""


def _same(current, wanted) -> bool:
    """Whether a field holds the wanted value. A StreamField holds a StreamValue, the demo
    content a list of (block type, value) pairs: they are compared by their data."""
    if isinstance(current, StreamValue):
        blocks = [(block["type"], block["value"]) for block in current.raw_data]
        return blocks == [(block_type, value) for block_type, value in wanted]
    return current == wanted


def _row_sync(
    *,
    model: type[models.Model],
    code: str,
    values: dict,
    reset: bool,
    kind: str,
    tally: Counter,
    log,
) -> models.Model:
    """Create the row with this code, or fill in its empty fields (all fields with `reset`)."""
    row = model.objects.filter(code=code).first()
    if row is None:
        row = model.objects.create(code=code, **values)
        tally[kind, "created"] += 1
        log(f"  {kind}: created {code}")
        return row
    changed = [
        field
        for field, value in values.items()
        if getattr(row, field) != value and (reset or _is_blank(getattr(row, field)))
    ]
    if changed:
        for field in changed:
            setattr(row, field, values[field])
        row.save()
        tally[kind, "updated"] += 1
        log(f"  {kind}: updated {code} ({', '.join(changed)})")
    else:
        tally[kind, "unchanged"] += 1
    return row


# --- Configuration ------------------------------------------------------------------------------


def priorities_load(*, content: DemoContent, reset: bool, tally: Counter, log) -> None:
    for spec in content.priorities:
        values = {
            "rank": spec["rank"],
            **{f"{step}_hours": hours for step, hours in spec["hours"].items()},
            **_translated(field="name", texts=spec["name"]),
        }
        other_default = Priority.objects.filter(is_default=True).exclude(code=spec["code"])
        if spec["is_default"]:
            # One default at most: keep a default someone else chose, unless resetting.
            if reset:
                other_default.update(is_default=False)
            if not other_default.exists():
                values["is_default"] = True
        _row_sync(
            model=Priority,
            code=spec["code"],
            values=values,
            reset=reset,
            kind="priorities",
            tally=tally,
            log=log,
        )
    if not Priority.objects.filter(is_default=True).exists():
        raise CommandError("No default priority: set one in the admin or run with --reset.")


def teams_load(*, content: DemoContent, reset: bool, tally: Counter, log) -> dict[str, Team]:
    return {
        spec["code"]: _row_sync(
            model=Team,
            code=spec["code"],
            values=_translated(field="name", texts=spec["name"]),
            reset=reset,
            kind="teams",
            tally=tally,
            log=log,
        )
        for spec in content.teams
    }


def categories_load(
    *, content: DemoContent, teams: dict[str, Team], reset: bool, tally: Counter, log
) -> None:
    for spec in content.categories:
        values = {
            "team": teams[spec["team"]],
            "order": spec["order"],
            **_translated(field="name", texts=spec["name"]),
        }
        if reset:
            values["is_active"] = True
        _row_sync(
            model=Category,
            code=spec["code"],
            values=values,
            reset=reset,
            kind="categories",
            tally=tally,
            log=log,
        )


# --- Settings -----------------------------------------------------------------------------------


def settings_load(*, content: DemoContent, reset: bool, tally: Counter, log) -> None:
    """Write each setting of portal/demo/settings.toml while none of its fields is set (all of
    them with `reset`).

    Once someone has set any field the setting is theirs: an empty field may be what they meant
    (an empty contact channel means "no such channel", and the page leaves it out), so it is not
    filled in again.
    """
    for model, spec in content.settings.items():
        values = _field_values(spec=spec)
        created = not model.objects.exists()
        setting = model.load()
        untouched = all(_is_blank(getattr(setting, field)) for field in values)
        changed = [
            field
            for field, value in values.items()
            if getattr(setting, field) != value and (reset or untouched)
        ]
        if changed:
            for field in changed:
                setattr(setting, field, values[field])
            setting.save()
        outcome = "created" if created else ("updated" if changed else "unchanged")
        tally["settings", outcome] += 1
        if outcome != "unchanged":
            name = model._meta.verbose_name
            log(f"  settings: {outcome} the {name} ({len(changed)} fields written)")


# --- Staff --------------------------------------------------------------------------------------


def _teams_named(*, codes, teams: dict[str, Team]) -> list[Team]:
    if codes == ALL_TEAMS:
        return list(teams.values())
    return [teams[code] for code in codes or ()]


def staff_load(
    *, content: DemoContent, teams: dict[str, Team], reset: bool, tally: Counter, log
) -> list[dict]:
    """One account per role, in its group and teams. Returns the rows of the logins table."""
    User = get_user_model()
    accounts = []
    for spec in content.staff:
        username = spec["username"]
        superuser = spec.get("superuser", False)
        wanted = {
            "email": f"{username}@{content.email_domain}",
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
        }
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username)
        changed = [
            field
            for field, value in wanted.items()
            if getattr(user, field) != value
            and (created or reset or _is_blank(getattr(user, field)))
        ]
        for field in changed:
            setattr(user, field, wanted[field])
        if created or reset:
            # Wagtail's admin needs no is_staff (it checks wagtailadmin.access_admin); the
            # Django admin is for the superuser only.
            flags = {"is_active": True, "is_staff": superuser, "is_superuser": superuser}
            changed += [field for field, value in flags.items() if getattr(user, field) != value]
            for field, value in flags.items():
                setattr(user, field, value)
            if created or not user.check_password(content.password):
                user.set_password(content.password)
                changed.append("password")
        if created or changed:
            user.save()
        group = Group.objects.get(name=spec["group"])
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            changed.append(f"group {group.name}")

        member_of = _teams_named(codes=spec.get("teams"), teams=teams)
        for team in member_of:
            if not team.members.filter(pk=user.pk).exists():
                team.members.add(user)
                changed.append(f"member of {team.code}")
        for team in _teams_named(codes=spec.get("supervises"), teams=teams):
            if team.supervisor_id is None or (reset and team.supervisor_id != user.pk):
                team.supervisor = user
                team.save(update_fields=["supervisor"])
                changed.append(f"supervisor of {team.code}")

        outcome = "created" if created else ("updated" if changed else "unchanged")
        tally["staff", outcome] += 1
        if outcome != "unchanged":
            log(f"  staff: {outcome} {username} ({', '.join(changed) or 'new'})")
        role = spec["group"] + (" (superuser)" if superuser else "")
        accounts.append(
            {
                "username": username,
                "outcome": outcome,
                "role": role,
                "teams": ", ".join(team.code for team in member_of) or "-",
            }
        )
    return accounts


# --- Pages --------------------------------------------------------------------------------------


def _page_values(*, spec: dict) -> dict:
    """Field values of a page: untranslated fields, the English slug and every translation.

    Only `slug_en` is set: the other languages fall back to it, so the URLs are /en/policy/,
    /ar/policy/ and so on.
    """
    return {**_field_values(spec=spec), "slug_en": spec["slug"]}


def _page_create(
    *, parent: Page, model: type[Page], values: dict, before: Page | None = None
) -> Page:
    """A new published page: the last child of `parent`, or just before the sibling `before`
    (to keep the menu order when a page is replaced)."""
    page = model(live=False, show_in_menus=model is not HomePage, **values)
    if before is None:
        parent.add_child(instance=page)
    else:
        before.add_sibling(pos="left", instance=page)
    page.save_revision().publish()
    return page


def _edited_in_cms(page: Page) -> bool:
    """Someone saved the page in the CMS: its latest revision has a user (load_demo saves
    without one)."""
    latest = page.latest_revision
    return latest is not None and latest.user_id is not None


def _page_sync(*, page: Page, values: dict, reset: bool) -> str:
    """Bring an existing page to `values`: "unchanged", "updated" or "skipped" (edited by
    someone in the CMS, and not `reset`)."""
    differs = [field for field, value in values.items() if not _same(getattr(page, field), value)]
    if not differs and page.live and not page.has_unpublished_changes:
        return "unchanged"
    if _edited_in_cms(page) and not reset:
        return "skipped"
    for field, value in values.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return "updated"


def _welcome_pages_remove(*, root: Page, site: Site | None) -> None:
    """Delete Wagtail's default "Welcome to your new Wagtail site!" page.

    It is a plain `wagtailcore.Page` (a type editors cannot create) without children, right
    under the tree root. The site is pointed at the tree root first, since deleting the page
    its root points at would delete the site too.
    """
    plain = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain, numchild=0):
        if site is not None and site.root_page_id == page.pk:
            site.root_page = root
            site.save()
        page.delete()


def _tree_root_translations_fill(*, root: Page) -> None:
    """wagtail-modeltranslation adds the translated page columns empty. The tree root needs
    its default-language values, or its children's url paths lose their leading slash."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    base = Page.objects.rewrite(False).filter(pk=root.pk)
    title, slug, url_path = base.values_list("title", "slug", "url_path").get()
    fill = {f"title_{default}": title, f"slug_{default}": slug, f"url_path_{default}": url_path}
    for field, value in fill.items():
        base.filter(models.Q((f"{field}__isnull", True)) | models.Q((field, ""))).update(
            **{field: value}
        )
    root.refresh_from_db()


def _site_root_paths_forget() -> None:
    """Site root paths are cached, per language with wagtail-modeltranslation."""
    Site.clear_site_root_paths_cache()
    cache.delete_many([f"wagtail_site_root_paths_{code}" for code, _name in settings.LANGUAGES])


def _home_ensure(*, content: DemoContent, reset: bool, log) -> tuple[HomePage, str]:
    """The portal's home page, as the root of the default site."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    home = HomePage.objects.first()
    values = _page_values(spec=content.home_page)
    if home is None:
        root = Page.get_first_root_node()
        _tree_root_translations_fill(root=root)
        _welcome_pages_remove(root=root, site=site)
        if root.get_children().filter(slug_en=values["slug_en"]).exists():
            values["slug_en"] = FALLBACK_HOME_SLUG
        home = _page_create(parent=root, model=HomePage, values=values)
        outcome = "created"
    else:
        values["slug_en"] = home.slug_en or values["slug_en"]  # the root's slug is not in URLs
        outcome = _page_sync(page=home, values=values, reset=reset)

    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        _site_root_paths_forget()
        log("  site: created the default site")
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        _site_root_paths_forget()
        log(f"  site: {site.hostname} now starts at the home page")
    return home, outcome


def _page_replace(*, old: Page, model: type[Page], values: dict, reset: bool) -> Page | None:
    """Replace a page of another type at the slug of a demo page (loaded by an earlier version
    as a standard page) by a new page of `model`, at the same place in the menu. Not done when
    it was edited in the CMS (unless `reset`) or has sub-pages: None then."""
    if old.get_children().exists() or (_edited_in_cms(old) and not reset):
        return None
    parent, after = old.get_parent(), old.get_next_sibling()
    old.specific.delete()
    return _page_create(parent=parent, model=model, values=values, before=after)


def pages_load(*, content: DemoContent, reset: bool, tally: Counter, log) -> list[str]:
    """Create or update the public pages; returns warnings about the pages left alone."""
    warnings = []
    home, outcome = _home_ensure(content=content, reset=reset, log=log)
    results: list[tuple[Page, str]] = [(home, outcome)]
    for spec in content.child_pages:
        model = PAGES_BY_NAME[spec["model"]]
        values = _page_values(spec=spec)
        page = model.objects.child_of(home).filter(slug_en=spec["slug"]).first()
        other = None
        if page is None:
            other = Page.objects.child_of(home).filter(slug_en=spec["slug"]).first()
        if page is not None:
            outcome = _page_sync(page=page, values=values, reset=reset)
        elif other is None:
            page = _page_create(parent=home, model=model, values=values)
            outcome = "created"
        else:
            page = _page_replace(old=other, model=model, values=values, reset=reset)
            outcome = "replaced"
            if page is None:
                page, outcome = other, "unchanged"
                warnings.append(
                    f"Page “{other.title}” is a {other.specific_class._meta.verbose_name} that "
                    f"was edited in the CMS or has sub-pages: kept as it is instead of a new "
                    f"{model._meta.verbose_name} (--reset replaces it unless it has sub-pages)."
                )
        results.append((page, outcome))

    for page, outcome in results:
        if outcome == "skipped":
            warnings.append(
                f"Page “{page.title}” was edited in the CMS: kept as it is (--reset overwrites it)."
            )
            outcome = "unchanged"
        if outcome != "unchanged":
            log(f"  pages: {outcome} {page.url_path}")
        tally["pages", "updated" if outcome == "replaced" else outcome] += 1
    return warnings
