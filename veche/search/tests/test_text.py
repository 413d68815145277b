from veche.search.text import query_stems, stems


def test_word_forms_share_a_stem():
    assert stems("яма") == stems("ямы") == stems("ЯМАМИ")


def test_yo_is_e_and_english_is_stemmed_too():
    assert stems("ёлка") == stems("елки")
    assert stems("parking") == stems("parks").replace("park", "park")


def test_query_stems_are_distinct_and_capped():
    assert query_stems("яма ямы ЯМАМИ") == ["ям"]
    assert len(query_stems(" ".join(f"слово{n}" for n in range(20)))) == 8
