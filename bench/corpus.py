"""Deterministic, seeded generator of a complete sitegen site for benchmarks.

    python bench/corpus.py --articles N --languages fr,en --out DIR [--seed 1]

The same arguments always give the same files, byte for byte: every random
choice comes from random.Random seeded with a string made of the seed and the
article number, so article i is the same whatever N is.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

from sitegen.slug import slugify

AUTHOR_COUNT = 20
SECTION_COUNT = 8
TAG_COUNT = 200
START = datetime(2023, 1, 1)
END = datetime(2025, 12, 31, 23, 59)
SPAN_MINUTES = int((END - START).total_seconds() // 60)
WORDS_PER_ARTICLE = (760, 840)
MARKER = ".bench-corpus"

LOCALES = {"fr": "fr_FR", "en": "en_GB", "da": "da_DK", "ar": "ar"}
NAMES = {"fr": "Français", "en": "English", "da": "Dansk", "ar": "العربية"}


def split_words(text: str) -> tuple[str, ...]:
    """The words of a whitespace-separated list."""
    return tuple(text.split())


WORDS: dict[str, tuple[str, ...]] = {
    "fr": split_words("""
        la le les des une un du et en pour dans sur avec par sans sous entre vers chez mais donc
        ainsi encore déjà toujours jamais très plus moins bien aussi ville pays région
        gouvernement ministre député élection réforme budget économie marché entreprise salariés
        syndicat grève accord projet loi vote assemblée sénat président maire conseil quartier
        école université étudiants hôpital santé médecin recherche science climat énergie
        chaleur été hiver pluie rivière forêt montagne côte port gare train route vélo musée
        théâtre festival musique livre roman auteur cinéma film équipe match saison victoire
        défaite entraîneur joueur stade public débat question réponse rapport enquête témoin
        tribunal juge procès police sécurité frontière voisins habitants familles enfants jeunes
        retraités prix loyer logement travail emploi chômage croissance inflation banque euro
        commerce agriculture paysans récolte vin fromage boulangerie nouveau nouvelle grand
        grande petit petite ancien local national européen mondial rapide lent fragile solide
        annonce propose refuse prépare défend critique découvre ouvre ferme change reste devient
        attend espère décide signe lance mesure semaine mois année matin soir jour hier demain
        désormais bientôt après avant
    """),
    "en": split_words("""
        the a of and to in for on with by from over after before under between as but still
        already never very more less city country region government minister council election
        reform budget economy market company workers union strike deal project law vote
        parliament senate president mayor district school university students hospital health
        doctor research science climate energy heat summer winter rain river forest mountain
        coast harbour station train road bicycle museum theatre festival music book novel writer
        cinema film team match season victory defeat coach player stadium audience debate
        question answer report inquiry witness court judge trial police security border
        neighbours residents families children young pensioners price rent housing work jobs
        unemployment growth inflation bank pound trade farming farmers harvest wine cheese
        bakery new old large small former public local national european global quick slow
        fragile solid announces proposes refuses prepares defends criticises discovers opens
        closes changes remains becomes awaits hopes decides signs launches week month year
        morning evening day yesterday tomorrow today soon now
    """),
    "da": split_words("""
        og i på til med for af om efter før men stadig allerede aldrig meget mere by land
        regering minister valg reform budget økonomi marked virksomhed arbejdere strejke aftale
        lov folketing borgmester skole universitet studerende hospital sundhed læge forskning
        klima energi sommer vinter regn å skov kyst havn station tog vej cykel museum teater
        festival musik bog roman forfatter film hold kamp sæson sejr nederlag træner spiller
        stadion debat spørgsmål svar rapport domstol dommer politi grænse naboer familier børn
        unge pris husleje bolig arbejde vækst inflation bank krone handel landbrug høst ny
        gammel stor lille lokal national europæisk hurtig langsom åbner lukker ændrer bliver
        venter håber beslutter uge måned år morgen aften dag snart nu
    """),
    "ar": split_words("""
        في من على إلى مع عن بعد قبل لكن مدينة بلد حكومة وزير انتخابات إصلاح ميزانية اقتصاد سوق
        شركة عمال إضراب اتفاق قانون برلمان رئيس مدرسة جامعة طلاب مستشفى صحة طبيب بحث علم مناخ
        طاقة صيف شتاء مطر نهر غابة جبل ساحل ميناء محطة قطار طريق متحف مسرح مهرجان موسيقى كتاب
        رواية كاتب سينما فيلم فريق مباراة موسم فوز هزيمة مدرب لاعب ملعب نقاش سؤال جواب تقرير
        محكمة قاضي شرطة حدود جيران سكان عائلات أطفال شباب سعر سكن عمل نمو تضخم بنك تجارة زراعة
        حصاد جديد قديم كبير صغير محلي وطني سريع يفتح يغلق يعلن يقترح أسبوع شهر سنة صباح مساء يوم
        اليوم غدا
    """),
}

ROLES: dict[str, tuple[str, ...]] = {
    "fr": ("Journaliste", "Rédactrice en chef", "Correspondant", "Éditorialiste",
           "Photographe", "Cheffe de rubrique", "Journaliste données"),
    "en": ("Reporter", "Editor-in-chief", "Correspondent", "Columnist",
           "Photographer", "Section editor", "Data journalist"),
    "da": ("Journalist", "Chefredaktør", "Korrespondent", "Klummeskribent",
           "Fotograf", "Sektionsredaktør", "Datajournalist"),
    "ar": ("صحفي", "رئيسة التحرير", "مراسل", "كاتب عمود", "مصور", "رئيسة قسم", "صحفي بيانات"),
}

FIRST_NAMES = ("Chloé", "Louis", "Amira", "Søren", "Margaux", "Hugo", "Ingrid", "Karim",
               "Léa", "Tom", "Yasmine", "Mads", "Inès", "Oliver", "Nour", "Camille",
               "Freja", "Jules", "Sofia", "Malik")
LAST_NAMES = ("Martin", "Dubois", "Haddad", "Nielsen", "Lefèvre", "Moreau", "Jensen",
              "Benali", "Fontaine", "Walker", "Mansour", "Larsen", "Girard", "Hughes",
              "Khalil", "Rousseau", "Pedersen", "Bernard", "Costa", "Said")

AVATAR_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" fill="{color}"/>
<text x="32" y="40" font-family="sans-serif" font-size="22" text-anchor="middle"
 fill="#fff">{initials}</text>
</svg>
"""


@dataclass(frozen=True, slots=True)
class Shared:
    """What every translation of one story has in common."""

    key: str
    authors: tuple[str, ...]
    sections: tuple[str, ...]
    date: datetime
    updated: datetime | None
    tags: tuple[int, ...]


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def sentence(words: Sequence[str], rng: Random, low: int, high: int, end: str = ".") -> str:
    """One capitalised sentence of low..high words, sometimes with a comma."""
    picked = rng.choices(words, k=rng.randint(low, high))
    if len(picked) > 9 and rng.random() < 0.4:
        cut = rng.randint(3, len(picked) - 4)
        picked[cut] += ","
    picked[0] = picked[0][:1].upper() + picked[0][1:]
    return " ".join(picked) + end


def section_path(section: str, lang: str, default: str) -> str:
    """Site path of a section page in one language, for internal links."""
    prefix = "" if lang == default else f"{lang}/"
    return f"/{prefix}section-{section[1:]}/"


def link_words(text: str, rng: Random, url: str) -> str:
    """Turn two or three words of a paragraph into a Markdown link."""
    words = text.split(" ")
    size = rng.randint(2, 3)
    for _ in range(10):
        start = rng.randint(1, max(1, len(words) - size - 1))
        if not any(w[-1] in ",.?" for w in words[start - 1:start + size - 1]):
            break
    inner = " ".join(w.rstrip(",.?") for w in words[start:start + size])
    tail = words[start + size - 1][len(words[start + size - 1].rstrip(",.?")):]
    return " ".join([*words[:start], f"[{inner}]({url}){tail}", *words[start + size:]])


def paragraph(words: Sequence[str], rng: Random, budget: int) -> tuple[str, int]:
    """A paragraph of about budget words; returns it and its word count."""
    parts: list[str] = []
    count = 0
    while count < budget:
        text = sentence(words, rng, 6, 18, "?" if rng.random() < 0.05 else ".")
        parts.append(text)
        count += text.count(" ") + 1
    return " ".join(parts), count


def bullet_list(words: Sequence[str], rng: Random) -> tuple[str, int]:
    """A bulleted list of three to five short items."""
    items = [sentence(words, rng, 3, 8, "") for _ in range(rng.randint(3, 5))]
    return "\n".join(f"- {item}" for item in items), sum(i.count(" ") + 1 for i in items)


def blockquote(words: Sequence[str], rng: Random) -> tuple[str, int]:
    """A blockquote of one or two sentences."""
    text = " ".join(sentence(words, rng, 8, 16) for _ in range(rng.randint(1, 2)))
    return f"> {text}", text.count(" ") + 1


def body(lang: str, default: str, rng: Random) -> str:
    """About 800 words of Markdown: subheadings, links, one list, one blockquote."""
    words = WORDS[lang]
    extras = [bullet_list(words, rng), blockquote(words, rng)]
    headings = [sentence(words, rng, 2, 5, "") for _ in range(rng.randint(2, 3))]
    paragraphs_count = 3 + 2 * len(headings)
    remaining = rng.randint(*WORDS_PER_ARTICLE) - sum(n for _, n in extras)
    remaining -= sum(h.count(" ") + 1 for h in headings)
    paragraphs = []
    for index in range(paragraphs_count):
        text, used = paragraph(words, rng, remaining // (paragraphs_count - index))
        paragraphs.append(text)
        remaining -= used
    for index in rng.sample(range(paragraphs_count), rng.randint(3, 5)):
        url = (f"https://example.org/{lang}/ref/{rng.randrange(100000):05d}"
               if rng.random() < 0.7 else section_path(f"s{rng.randrange(SECTION_COUNT)}",
                                                       lang, default))
        paragraphs[index] = link_words(paragraphs[index], rng, url)
    return assemble(paragraphs, headings, [text for text, _ in extras])


def assemble(paragraphs: list[str], headings: list[str], extras: list[str]) -> str:
    """Lay out paragraphs under subheadings; list in the first part, quote in the second."""
    blocks = paragraphs[:3]
    rest = paragraphs[3:]
    for index, heading in enumerate(headings):
        blocks.append(f"## {heading}")
        blocks.extend(rest[2 * index:2 * index + 1])
        if index < len(extras):
            blocks.append(extras[index])
        blocks.extend(rest[2 * index + 1:2 * index + 2])
    return "\n\n".join(blocks) + "\n"


def shared(index: int, seed: int) -> Shared:
    """Authors, sections, dates and tags of story number index."""
    rng = Random(f"{seed}/story/{index}")
    authors = tuple(f"a{n:02d}" for n in rng.sample(range(AUTHOR_COUNT),
                                                     2 if rng.random() < 0.05 else 1))
    sections = tuple(f"s{n}" for n in rng.sample(range(SECTION_COUNT),
                                                  2 if rng.random() < 0.2 else 1))
    date = START + timedelta(minutes=rng.randrange(SPAN_MINUTES))
    updated = None
    if rng.random() < 0.1:
        updated = min(END, date + timedelta(minutes=rng.randint(30, 20 * 24 * 60)))
    tags = tuple(rng.sample(range(TAG_COUNT), rng.randint(2, 5)))
    return Shared(f"story-{index:05d}", authors, sections, date, updated, tags)


def tag_names(lang: str, seed: int) -> list[str]:
    """Two hundred tag names in one language, each with its own slug."""
    rng = Random(f"{seed}/tags/{lang}")
    words = WORDS[lang]
    names: list[str] = []
    slugs: set[str] = set()
    while len(names) < TAG_COUNT:
        name = f"{rng.choice(words)} {rng.choice(words)}"
        slug = slugify(name)
        if slug not in slugs and name.split()[0] != name.split()[1]:
            slugs.add(slug)
            names.append(name)
    return names


def headline(lang: str, rng: Random, taken: set[str]) -> tuple[str, str]:
    """A 6–12 word headline whose slug no other article of the language has."""
    while True:
        text = sentence(WORDS[lang], rng, 6, 12, "")
        slug = slugify(text)
        if slug and slug not in taken:
            taken.add(slug)
            return text, slug


def front_matter(story: Shared, title: str, dek: str, tags: list[str]) -> str:
    """The YAML front matter block of one article."""
    lines = ["---", f"headline: {quoted(title)}", f"dek: {quoted(dek)}"]
    if len(story.authors) == 1:
        lines.append(f"author: {story.authors[0]}")
    else:
        lines.append(f"authors: [{', '.join(story.authors)}]")
    lines.append(f"sections: [{', '.join(story.sections)}]")
    lines.append(f"date: {story.date.isoformat()}")
    if story.updated is not None:
        lines.append(f"updated: {story.updated.isoformat()}")
    lines.append(f"tags: [{', '.join(quoted(tags[n]) for n in story.tags)}]")
    lines.append(f"translation_key: {story.key}")
    return "\n".join(lines) + "\n---\n\n"


def article(story: Shared, lang: str, default: str, seed: int,
            tags: list[str], taken: set[str]) -> tuple[str, str]:
    """Slug and full text of one article in one language."""
    rng = Random(f"{seed}/text/{story.key}/{lang}")
    title, slug = headline(lang, rng, taken)
    dek = sentence(WORDS[lang], rng, 14, 28)
    return slug, front_matter(story, title, dek, tags) + body(lang, default, rng)


def site_yaml(languages: Sequence[str]) -> str:
    """site.yaml text for the chosen languages; the first is the default."""
    lines = ["title: Bench Gazette", "base_url: https://bench.example.org/",
             f"default_language: {languages[0]}", "timezone: Europe/Paris", "languages:"]
    for code in languages:
        rtl = ", direction: rtl" if code == "ar" else ""
        lines.append(f"  - {{code: {code}, name: {NAMES[code]}, locale: {LOCALES[code]}{rtl}}}")
    lines.append("sections:")
    for n in range(SECTION_COUNT):
        per_lang = ", ".join(
            f'{code}: {{title: "Section {n}", slug: section-{n}}}' for code in languages)
        lines.append(f"  s{n}: {{{per_lang}}}")
    lines.append("pagination: 10")
    return "\n".join(lines) + "\n"


def author_yaml(index: int, languages: Sequence[str], seed: int) -> str:
    """The YAML record of author number index."""
    rng = Random(f"{seed}/author/{index}")
    name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"
    role = rng.randrange(len(ROLES["en"]))
    roles = ", ".join(f"{code}: {quoted(ROLES[code][role])}" for code in languages)
    bios = ", ".join(f"{code}: {quoted(sentence(WORDS[code], rng, 12, 24))}"
                     for code in languages)
    return (f"name: {quoted(name)}\nrole: {{{roles}}}\nbio: {{{bios}}}\n"
            f"avatar: /images/authors/a{index:02d}.svg\n")


def avatar_svg(index: int) -> str:
    """A tiny coloured square with the author's initials."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
    color = f"#{(index * 2654435761) % 0xFFFFFF:06x}"
    return AVATAR_SVG.format(color=color, initials=first[0] + last[0])


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with '\\n' line ends, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_authors(out: Path, languages: Sequence[str], seed: int) -> None:
    """Twenty author records and their avatar images."""
    for index in range(AUTHOR_COUNT):
        write(out / "content" / "authors" / f"a{index:02d}.yaml",
              author_yaml(index, languages, seed))
        write(out / "static" / "images" / "authors" / f"a{index:02d}.svg", avatar_svg(index))


def write_articles(out: Path, count: int, languages: Sequence[str], seed: int) -> int:
    """count articles in every language; returns the number of files written."""
    tags = {lang: tag_names(lang, seed) for lang in languages}
    taken: dict[str, set[str]] = {lang: set() for lang in languages}
    written = 0
    for index in range(count):
        story = shared(index, seed)
        for lang in languages:
            slug, text = article(story, lang, languages[0], seed, tags[lang], taken[lang])
            write(out / "content" / lang / story.sections[0] / f"{slug}.md", text)
            written += 1
    return written


def clear(out: Path) -> None:
    """Empty out if an earlier run made it; refuse any other non-empty folder."""
    if not out.exists() or not any(out.iterdir()):
        return
    if not (out / MARKER).is_file():
        raise ValueError(f"{out} is not empty and was not made by corpus.py")
    for name in ("content", "static"):
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    (out / "site.yaml").unlink(missing_ok=True)


def generate(out: Path, articles: int, languages: Sequence[str], seed: int = 1) -> int:
    """Write a complete site into out; returns the number of article files."""
    unknown = [code for code in languages if code not in WORDS]
    if unknown or not languages or len(set(languages)) != len(languages):
        raise ValueError(f"languages must be distinct, among {', '.join(WORDS)}")
    clear(out)
    write(out / MARKER, "made by bench/corpus.py; rerunning it replaces this folder's site\n")
    write(out / "site.yaml", site_yaml(languages))
    write_authors(out, languages, seed)
    return write_articles(out, articles, languages, seed)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="articles per language")
    parser.add_argument("--languages", default="fr,en", help="comma-separated, default first")
    parser.add_argument("--out", type=Path, required=True, help="site folder to write")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the generator from the command line."""
    args = parse_args(argv)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    try:
        written = generate(args.out, args.articles, languages, args.seed)
    except ValueError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {written} articles, {AUTHOR_COUNT} authors into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
