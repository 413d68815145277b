import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from veche.reports.models import Channel, Report, ReportMedia, Status, TimelineEntry
from veche.reports.services import report_submit
from veche.reports.tests.conftest import point_in
from veche.reports.tests.factories import TopicAttributeFactory
from veche.reports.tests.images import exif_of, fake_jpeg, jpeg_with_gps


def submit(world, **overrides):
    fields = {
        "author": world.author,
        "topic": world.topic,
        "text": "Яма на дороге у дома 5",
        **point_in(world.surgut),
        **overrides,
    }
    return report_submit(**fields)


def test_files_a_report_in_the_municipality_of_its_point(world):
    report = submit(world)
    assert report.status == Status.SUBMITTED
    assert report.municipality == world.surgut
    assert report.timeline.get().status_to == Status.SUBMITTED
    assert " ям " in report.search_stems


def test_unconfirmed_resident_cannot_file(world):
    with pytest.raises(PermissionDenied):
        submit(world, author=world.unconfirmed)
    assert not Report.objects.exists()


def test_point_outside_the_region_is_refused_with_a_russian_message(world):
    with pytest.raises(ValidationError) as error:
        submit(world, lat=10.0, lon=10.0)
    assert "за пределами региона" in str(error.value.message_dict["location"])
    assert not Report.objects.exists()


def test_empty_text_and_archived_topic_are_refused(world):
    world.topic.is_open = False
    world.topic.save()
    with pytest.raises(ValidationError) as error:
        submit(world, text="  ")
    assert set(error.value.message_dict) == {"text", "topic"}
    assert not Report.objects.exists()


def test_required_attribute_must_be_answered_from_its_list(world):
    attribute = TopicAttributeFactory(topic=world.topic, code="where")
    with pytest.raises(ValidationError):
        submit(world, attributes={})
    with pytest.raises(ValidationError):
        submit(world, attributes={"where": "sky"})
    report = submit(world, attributes={attribute.code: "road"})
    assert report.attributes == {"where": "road"}


def test_a_retry_with_the_same_client_token_files_one_report(world):
    first = submit(world, client_token="abc-123")
    again = submit(world, client_token="abc-123")
    assert first.pk == again.pk
    assert Report.objects.count() == 1


def test_operator_files_on_behalf_of_a_resident_and_others_cannot(world):
    report = submit(world, filed_by=world.operator, channel=Channel.OPERATOR)
    assert report.author == world.author and report.filed_by == world.operator
    with pytest.raises(PermissionDenied):
        submit(world, filed_by=world.neighbour)


def test_photos_lose_gps_and_camera_metadata_and_get_thumbnails(world):
    upload = jpeg_with_gps()
    assert exif_of(upload.read()), "the test photo must carry EXIF to begin with"
    upload.seek(0)
    report = submit(world, media=[upload, jpeg_with_gps("second.jpg")])
    photos = list(report.media.all())
    assert len(photos) == 2
    for photo in photos:
        assert photo.kind == ReportMedia.Kind.PHOTO
        assert exif_of(photo.file.read()) == {}
        assert photo.thumbnail


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as error:
        submit(world, media=[jpeg_with_gps(), fake_jpeg()])
    assert "virus.jpg" in error.value.messages[0]
    assert not Report.objects.exists()
    assert not TimelineEntry.objects.exists()


def test_topic_that_requires_a_photo(world):
    world.topic.photos_required = True
    world.topic.save()
    with pytest.raises(ValidationError) as error:
        submit(world)
    assert "media" in error.value.message_dict
    assert submit(world, media=[jpeg_with_gps()]).media.count() == 1


def test_required_photo_is_recognised_by_content_not_by_the_declared_type(world):
    # Open311 and mobile clients often send photos as application/octet-stream, and a video
    # declared as image/jpeg is still no photo: the content decides, as for every upload.
    world.topic.photos_required = True
    world.topic.save()
    video = SimpleUploadedFile(
        "clip.jpg", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as error:
        submit(world, media=[video])
    assert "media" in error.value.message_dict
    photo = jpeg_with_gps()
    photo.content_type = "application/octet-stream"
    assert submit(world, media=[photo]).media.get().kind == ReportMedia.Kind.PHOTO
