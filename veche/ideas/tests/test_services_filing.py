"""Filing an idea: what it needs, where it is, and that a retry files once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.events.models import Event
from veche.ideas.models import Idea, Status
from veche.ideas.services import idea_submit
from veche.media.tests.files import fake_jpeg, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _file(world, **overrides):
    fields = {
        "author": world.author,
        "title": "Велодорожка",
        "text": "Проложить велодорожку вдоль реки.",
        "category": world.category,
        "municipality": world.surgut,
        **overrides,
    }
    return idea_submit(**fields)


def test_an_idea_waits_for_moderation(world):
    idea = _file(world)
    assert idea.status == Status.SUBMITTED and not idea.is_public
    assert idea.timeline.get().status_to == Status.SUBMITTED
    assert Event.objects.get().kind == "ideas.submitted"


def test_a_point_names_the_municipality(world):
    idea = _file(world, municipality=None, lat=world.urai.centre_lat, lon=world.urai.centre_lon)
    assert idea.municipality == world.urai and idea.has_point


def test_a_point_outside_the_chosen_municipality_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _file(world, lat=world.urai.centre_lat, lon=world.urai.centre_lon)
    assert "location" in error.value.message_dict
    assert not Idea.objects.exists()


def test_title_text_and_category_are_needed(world):
    world.category.is_active = False
    world.category.save()
    with pytest.raises(ValidationError) as error:
        _file(world, title=" ", text="")
    assert set(error.value.message_dict) == {"title", "text", "category"}


def test_an_unconfirmed_resident_cannot_file(world):
    with pytest.raises(PermissionDenied):
        _file(world, author=world.unconfirmed)


def test_a_retry_with_the_same_token_files_once(world):
    first = _file(world, client_token="abc")
    assert _file(world, client_token="abc") == first
    assert Idea.objects.count() == 1


def test_photos_are_cleaned_and_kept(world):
    idea = _file(world, photos=[jpeg_with_gps()])
    saved = idea.photos.get()
    assert saved.content_type == "image/jpeg" and saved.thumbnail


def test_a_file_that_is_not_a_photo_is_refused_as_a_photo(world):
    with pytest.raises(ValidationError) as error:
        _file(world, photos=[fake_jpeg()])
    assert "photos" in error.value.message_dict
