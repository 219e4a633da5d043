"""The gettext catalogues of web/translations: complete, translated, checked and compiled.

Every message of the code is in both catalogues and nothing else is; the workflow that keeps
them so is README's "Text and translations".
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "web" / "translations"
LANGUAGES = ("id", "en")

Key = tuple[str | None, str]  # (context, msgid); a plural is keyed by its singular


def catalogue(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def key_of(context: str | None, msgid: str | tuple[str, ...] | list[str]) -> Key:
    return context, msgid if isinstance(msgid, str) else msgid[0]


def extracted() -> set[Key]:
    """What `pybabel extract -F babel.cfg` finds in the source today."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {key_of(context, msgid) for _, _, msgid, _, context
            in extract_from_dir(str(ROOT), method_map, options_map)}


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Catalog]:
    return {language: catalogue(language) for language in LANGUAGES}


def messages(found: Catalog) -> dict[Key, Message]:
    return {key_of(m.context, m.id): m for m in found if m.id}


class TestCatalogues:
    def test_every_message_of_the_code_is_in_both_catalogues_and_no_other(
            self, catalogues: dict[str, Catalog]) -> None:
        in_code = extracted()
        assert len(in_code) > 500  # the extraction found the code's text at all
        for language, found in catalogues.items():
            keys = set(messages(found))
            assert not in_code - keys, (
                f"not in the {language} catalogue (run scripts/translations update): "
                f"{sorted(in_code - keys, key=str)[:20]}")
            assert not keys - in_code, (
                f"in the {language} catalogue but no longer in the code (run scripts/"
                f"translations update): {sorted(keys - in_code, key=str)[:20]}")

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_message_has_its_translation_and_none_is_fuzzy(
            self, catalogues: dict[str, Catalog], language: str) -> None:
        untranslated = [m.id for m in catalogues[language] if m.id and (
            not all(m.string) if isinstance(m.string, tuple) else not m.string)]
        fuzzy = [m.id for m in catalogues[language] if m.id and m.fuzzy]
        assert not untranslated, f"empty msgstr in {language}: {untranslated[:20]}"
        assert not fuzzy, f"fuzzy (to be checked, then unflagged) in {language}: {fuzzy[:20]}"

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_translations_keep_the_placeholders_of_their_message(
            self, catalogues: dict[str, Catalog], language: str) -> None:
        problems = [(m.id, [str(e) for e in errors])
                    for m, errors in catalogues[language].check()]
        assert not problems, problems[:10]

    def test_the_indonesian_catalogue_is_indonesian(
            self, catalogues: dict[str, Catalog]) -> None:
        indonesian = messages(catalogues["id"])
        assert indonesian[(None, "Release history")].string == "Riwayat rilis"
        assert indonesian[("timeline field", "Penalty")].string == "Hukuman"
        assert indonesian[(None, "Penalty")].string == "Jenis hukuman"


class TestCompiled:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_compiled_catalogue_is_the_po_file_compiled(
            self, catalogues: dict[str, Catalog], language: str) -> None:
        compiled = io.BytesIO()
        write_mo(compiled, catalogues[language])
        compiled.seek(0)
        expected = gettext.GNUTranslations(compiled)
        mo_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
        with mo_path.open("rb") as mo:
            committed = gettext.GNUTranslations(mo)
        assert committed._catalog == expected._catalog, (  # type: ignore[attr-defined]
            f"{mo_path} is stale: run scripts/translations compile")

    def test_the_installed_package_ships_the_catalogues(self) -> None:
        import tomllib

        with (ROOT / "pyproject.toml").open("rb") as pyproject:
            shipped = tomllib.load(pyproject)["tool"]["setuptools"]["package-data"]["web"]
        web = ROOT / "web"
        files = {p for pattern in shipped for p in web.glob(pattern) if p.is_file()}
        for language in LANGUAGES:
            for name in ("messages.po", "messages.mo"):
                assert TRANSLATIONS / language / "LC_MESSAGES" / name in files
