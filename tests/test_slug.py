import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.slug import _FOLDS, MAX_SLUG_LENGTH, _truncate, _words, slugify, tag_slug


def test_accents_fold_in_french_headline() -> None:
    assert slugify("Des missiles frappent une base militaire avec des soldats américains en Irak") \
        == "des-missiles-frappent-une-base-militaire-avec-des-soldats-americains-en-irak"


def test_danish_letters_fold_to_ascii() -> None:
    assert slugify("Ærø får én ny bro på Åbenrå") == "aero-far-en-ny-bro-pa-abenra"


def test_arabic_headline_keeps_its_letters() -> None:
    slug = slugify("صواريخ تضرب قاعدة عسكرية")
    assert slug == "صواريخ-تضرب-قاعدة-عسكرية"
    assert slugify("صواريخ تضرب قاعدة عسكرية") == slug  # stable


def test_punctuation_and_apostrophes_separate_words() -> None:
    assert slugify("L’Indécapant : « déjà » 2 500 !") == "l-indecapant-deja-2-500"


def test_long_headline_is_cut_at_a_word_boundary() -> None:
    slug = slugify("mot " * 5000)
    assert len(slug) <= 80 and slug.endswith("mot") and "--" not in slug


def test_tag_without_letters_gets_a_placeholder_slug() -> None:
    assert tag_slug("!!!") == "tag"
    assert tag_slug("Élections") == tag_slug("elections")


def _slug_by_categories(text: str) -> str:
    """The rule itself, character by character: the reference for the ASCII shortcut."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLDS))
    return unicodedata.normalize("NFC", _truncate(_words(folded), MAX_SLUG_LENGTH))


@given(st.text(alphabet=st.sampled_from(
    "aAzZ09 -_'’.,:;!?«»\u00a0\u202féèêëàâäîïôöùûüçœæÉÈÇŒÆßøłðþıİﬁ²Ａℌ\u0301\u0327ضع中"
)) | st.text())
@example("ℌello")  # decomposes to an upper-case ASCII letter
@example("İstanbul")  # lower-cases to i + combining dot
def test_ascii_shortcut_gives_the_slug_of_the_general_rule(text: str) -> None:
    assert slugify(text) == _slug_by_categories(text)
