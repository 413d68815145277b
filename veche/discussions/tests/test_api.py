"""The REST API under /api/v1/discussions/."""

from veche.discussions.models import DraftComment

from .factories import closed, draft_with, published_comment


def test_list_and_detail_with_sections(world, client):
    draft = draft_with(municipality=world.surgut)
    listed = client.get("/api/v1/discussions/").json()
    assert [d["id"] for d in listed["items"]] == [draft.pk]
    detail = client.get(f"/api/v1/discussions/{draft.pk}").json()
    assert [s["heading"] for s in detail["sections"]][0] == "Общие положения"
    assert detail["can_comment"] is False


def test_comment_on_a_passage_and_rate(world, client):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.first()
    client.force_login(world.anna)
    response = client.post(
        f"/api/v1/discussions/{draft.pk}/comment",
        {
            "text": "Уточните",
            "section_id": section.pk,
            "passage": "устанавливают требования",
            "is_proposal": True,
            "wording": "Устанавливают единые требования",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["passage_found"] is True
    assert DraftComment.objects.get().is_proposal
    rated = client.put(
        f"/api/v1/discussions/{draft.pk}/rating",
        {"value": "oppose"},
        content_type="application/json",
    )
    assert rated.json()["oppose_count"] == 1


def test_a_closed_discussion_refuses_in_words(world, client):
    draft = closed(draft_with(municipality=world.surgut))
    client.force_login(world.anna)
    response = client.post(
        f"/api/v1/discussions/{draft.pk}/comment",
        {"text": "Поздно"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_report(world, client):
    draft = draft_with(municipality=world.surgut)
    note = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Иначе")
    draft = closed(draft)
    assert client.get(f"/api/v1/discussions/{draft.pk}/report").status_code == 403
    from veche.discussions import services

    services.proposal_answer(user=world.mayor_office, note=note, outcome="accepted")
    services.report_publish(user=world.mayor_office, draft=draft)
    report = client.get(f"/api/v1/discussions/{draft.pk}/report").json()
    assert report["outcomes"]["accepted"] == 1
    assert report["proposals"][0]["author"] == "Анна П."
