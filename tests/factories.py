from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import factory

from workflow import references, roles
from workflow.models import Case, Category, Complainant, Priority, Team


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("pass")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            roles.roles_sync()
            self.groups.add(Group.objects.get(name=extracted))


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.LazyAttribute(lambda team: team.code.title())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda category: category.code.replace("-", " ").title())
    team = factory.SubFactory(TeamFactory)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        django_get_or_create = ("code",)

    code = "normal"
    name = "Normal"
    rank = 1
    is_default = True
    assess_hours = 48
    investigate_hours = 240
    respond_hours = 72
    close_hours = 72
    second_level_hours = 24


class CaseFactory(factory.django.DjangoModelFactory):
    """A case row as it stands at some point of its handling (no process behind it): for
    tests of what reads cases, such as search. Cases going through the workflow are made
    with `workflow.process.complaint_submit` instead."""

    class Meta:
        model = Case

    reference = factory.LazyAttribute(lambda case: references.new_reference(case.kind))
    access_salt = factory.LazyFunction(references.new_access_salt)
    kind = Case.Kind.COMPLAINT
    channel = Case.Channel.WEB
    language = "en"
    status = Case.Status.RECEIVED
    category = factory.SubFactory(CategoryFactory)
    team = factory.LazyAttribute(lambda case: case.category.team)
    priority = factory.SubFactory(PriorityFactory)
    description = "Something went wrong."


class ComplainantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complainant

    case = factory.SubFactory(CaseFactory)
    name = "Amira Haddad"
    email = "amira@example.net"
    consent_at = factory.LazyFunction(timezone.now)
