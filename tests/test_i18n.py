"""powermap.i18n: translations, the current locale, negotiation, formats, sorting, widths."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from jinja2 import DictLoader, Environment

from powermap import i18n
from powermap.i18n import catalogs, tools
from powermap.i18n import pages as i18n_pages

ROOT = Path(__file__).resolve().parent.parent


# --- translations and the current locale -----------------------------------------------------

def test_gettext_follows_the_current_locale():
    assert i18n.gettext("Language") == "Language"
    with i18n.use_locale("zh_CN"):
        assert i18n._("Language") == "语言"
        assert i18n.current_locale() == "zh_CN"
    assert i18n.current_locale() == "en"


def test_use_locale_nests_and_restores():
    with i18n.use_locale("zh_CN"):
        with i18n.use_locale("en"):
            assert i18n.gettext("Language") == "Language"
        assert i18n.gettext("Language") == "语言"
    assert i18n.current_locale() == "en"


def test_unknown_locale_is_refused():
    with pytest.raises(ValueError, match="unknown locale 'fr'"):
        with i18n.use_locale("fr"):
            pass


def test_an_untranslated_msgid_comes_back_as_it_is():
    with i18n.use_locale("zh_CN"):
        assert i18n.gettext("Not in any catalog") == "Not in any catalog"


@pytest.fixture
def test_catalog(tmp_path, monkeypatch):
    """A zh_CN catalog with params, plurals and a context, loaded from a .po in memory."""
    catalog = Catalog(locale="zh_CN", domain="messages")
    catalog.add("%(person)s has not been met", "尚未见过%(person)s", flags=["python-format"])
    catalog.add(("%(num)d person", "%(num)d people"), ("%(num)d 人",))
    catalog.add("Stage", "阶段", context="deal")
    catalog.add("Draft", "草稿", flags=["fuzzy"])
    po = tmp_path / "zh_CN" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as fileobj:
        write_po(fileobj, catalog)
    monkeypatch.setattr(catalogs, "language",
                        lambda locale: catalogs.load_language(locale, tmp_path))
    monkeypatch.setattr(i18n.messages, "language",
                        lambda locale: catalogs.load_language(locale, tmp_path))
    return po


def test_gettext_fills_params_after_translating(test_catalog):
    assert i18n.gettext("%(person)s has not been met", person="Ada") == "Ada has not been met"
    with i18n.use_locale("zh_CN"):
        assert i18n.gettext("%(person)s has not been met", person="王建国") == "尚未见过王建国"


def test_gettext_without_params_leaves_percent_signs_alone():
    assert i18n.gettext("100% of %(x)s") == "100% of %(x)s"


def test_ngettext_in_both_locales(test_catalog):
    assert i18n.ngettext("%(num)d person", "%(num)d people", 1) == "1 person"
    assert i18n.ngettext("%(num)d person", "%(num)d people", 3) == "3 people"
    with i18n.use_locale("zh_CN"):
        assert i18n.ngettext("%(num)d person", "%(num)d people", 1) == "1 人"
        assert i18n.ngettext("%(num)d person", "%(num)d people", 3) == "3 人"


def test_pgettext_and_fuzzy_entries(test_catalog):
    with i18n.use_locale("zh_CN"):
        assert i18n.pgettext("deal", "Stage") == "阶段"
        assert i18n.gettext("Stage") == "Stage"  # the context is part of the key
        assert i18n.gettext("Draft") == "Draft"  # fuzzy entries are not used


def test_a_source_checkout_compiles_the_po_and_a_build_uses_the_mo(tmp_path):
    shutil.copytree(catalogs.TRANSLATIONS_DIR, tmp_path, dirs_exist_ok=True)
    from_po = catalogs.load_language("zh_CN", tmp_path)
    assert from_po.source == tmp_path / "zh_CN/LC_MESSAGES/messages.po"
    tools.compile_catalogs(tmp_path)
    from_mo = catalogs.load_language("zh_CN", tmp_path)
    assert from_mo.source == tmp_path / "zh_CN/LC_MESSAGES/messages.mo"
    assert from_mo.translations.gettext("Language") == "语言"


def test_a_source_checkout_ignores_a_mo_beside_the_po(tmp_path):
    """A .mo in a checkout may be older than the .po being edited: the .po is the truth."""
    translations = tmp_path / "powermap" / "translations"
    shutil.copytree(catalogs.TRANSLATIONS_DIR, translations)
    (mo,) = tools.compile_catalogs(translations)
    (tmp_path / "babel.cfg").write_text("[python: powermap/**.py]\n", encoding="utf-8")
    assert catalogs.load_language("zh_CN", translations).source == mo.with_suffix(".po")
    (tmp_path / "babel.cfg").unlink()
    assert catalogs.load_language("zh_CN", translations).source == mo


def test_contextvar_isolates_threads():
    barrier = threading.Barrier(2)
    seen: dict[str, list[str]] = {}

    def work(locale: str) -> None:
        with i18n.use_locale(locale):
            barrier.wait()  # both threads hold their language at the same time
            seen[locale] = [i18n.current_locale(), i18n.gettext("Language")]
            barrier.wait()

    threads = [threading.Thread(target=work, args=(loc,)) for loc in ("en", "zh_CN")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"en": ["en", "Language"], "zh_CN": ["zh_CN", "语言"]}
    assert i18n.current_locale() == "en"


# --- lazy strings ------------------------------------------------------------------------

TITLE = i18n._l("Language")


def test_lazy_string_resolves_when_used():
    assert str(TITLE) == "Language"
    with i18n.use_locale("zh_CN"):
        assert str(TITLE) == "语言"
        assert f"[{TITLE}]" == "[语言]"
        assert TITLE == "语言" and TITLE + "!" == "语言!" and "<" + TITLE == "<语言"
        assert len(TITLE) == 2 and "语" in TITLE
    assert TITLE.upper() == "LANGUAGE"
    assert sorted([i18n._l("b"), i18n._l("a")]) == ["a", "b"]
    assert repr(TITLE) == "lazy 'Language'"


def test_lazy_string_is_json_serialisable_via_str():
    document = {"title": TITLE}
    with i18n.use_locale("zh_CN"):
        assert json.dumps(document, default=i18n.json_default, ensure_ascii=False) == \
            '{"title": "语言"}'
        assert json.dumps(document, default=str, ensure_ascii=False) == '{"title": "语言"}'
    with pytest.raises(TypeError):
        json.dumps({"x": object()}, default=i18n.json_default)


def test_lazy_string_survives_copy_and_pickle():
    import copy
    import pickle

    assert str(copy.deepcopy(TITLE)) == "Language"
    restored = pickle.loads(pickle.dumps(TITLE))
    with i18n.use_locale("zh_CN"):
        assert str(restored) == "语言"  # still lazy after the round trip


# --- Jinja and scripts -------------------------------------------------------------------

def test_jinja_gettext_translates_then_escapes_params():
    env = Environment(autoescape=True, loader=DictLoader({
        "t.html": '<html lang="{{ html_lang() }}">{{ _("Language") }} '
                  '{{ _("Hi %(name)s", name=who) }} {{ current_locale() }}'}))
    i18n.install_jinja(env)
    page = env.get_template("t.html")
    assert page.render(who="<b>") == '<html lang="en">Language Hi &lt;b&gt; en'
    with i18n.use_locale("zh_CN"):
        assert page.render(who="x") == '<html lang="zh-CN">语言 Hi x zh_CN'


def test_js_catalog_maps_the_msgids_scripts_use(tmp_path):
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "legend.js").write_text(
        'const a = t("Language");\nconst b = t("Zoom to fit");\nconst c = other("No");\n',
        encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.js").write_text('t("Vendored");', encoding="utf-8")
    assert i18n_pages.js_msgids(tmp_path) == ("Language", "Zoom to fit")
    assert i18n.js_catalog(tmp_path) == {"Language": "Language", "Zoom to fit": "Zoom to fit"}
    with i18n.use_locale("zh_CN"):
        assert i18n.js_catalog(tmp_path) == {"Language": "语言", "Zoom to fit": "Zoom to fit"}


# --- negotiation -------------------------------------------------------------------------

@pytest.mark.parametrize(("preferred", "locale"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"),
    ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
    ("zh-TW", "zh_CN"),  # the only Chinese catalog serves Traditional readers too
    ("zh-Hant-HK, en;q=0.5", "zh_CN"),
    ("fr", "en"),
    ("fr, zh;q=0.5", "zh_CN"),  # skip what we do not speak
    ("en;q=0.2, zh-CN;q=0.9", "zh_CN"),  # quality, not order, decides
    ("zh-CN;q=0, en", "en"),  # q=0 means "not this"
    ("*", "en"),
    ("", "en"),
    (None, "en"),
    (["fr_FR", "zh_CN"], "zh_CN"),
    ([("de", 1.0), ("en-GB", 0.5)], "en"),
])
def test_negotiate(preferred, locale):
    assert i18n.negotiate(preferred) == locale


@pytest.mark.parametrize(("option", "environ", "locale"), [
    ("zh_CN", {"POWERMAP_LANG": "en"}, "zh_CN"),
    ("zh-cn", {}, "zh_CN"),
    (None, {"POWERMAP_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh_CN"),
    (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    (None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),  # a system locale we lack is not an error
    (None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh_CN"),  # empty means unset
    (None, {}, "en"),
])
def test_cli_locale_resolution(option, environ, locale):
    assert i18n.cli_locale(option, environ) == locale


def test_an_explicit_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="'fr' is not a language powermap speaks"):
        i18n.cli_locale("fr", {})
    with pytest.raises(ValueError, match=r"^\$POWERMAP_LANG: 'xx' is not"):
        i18n.cli_locale(None, {"POWERMAP_LANG": "xx"})


# --- formats -----------------------------------------------------------------------------

def test_dates_in_both_languages():
    day = dt.date(2027, 1, 14)
    assert i18n.format_date(day) == "14 Jan 2027"
    assert i18n.format_date("2027-01-14", "zh_CN") == "2027年1月14日"
    with i18n.use_locale("zh_CN"):
        assert i18n.format_date(day) == "2027年1月14日"
        assert i18n.format_datetime(dt.datetime(2027, 1, 14, 9, 5)) == "2027年1月14日 09:05"
    assert i18n.format_datetime("2027-01-14T21:30:00+08:00") == "14 Jan 2027, 21:30"
    assert i18n.format_date(None) == "" and i18n.format_datetime("") == ""


def test_numbers_money_and_percent_in_both_languages():
    assert i18n.format_number(12_000_000) == "12,000,000"
    assert i18n.format_number(1234.5, 2) == "1,234.50"
    assert i18n.format_money(12_000_000, "CNY") == "12,000,000 CNY"
    assert i18n.format_money(12_000_000) == "12,000,000"
    assert i18n.format_percent(0.256) == "26%"
    with i18n.use_locale("zh_CN"):
        assert i18n.format_number(12_000_000) == "12,000,000"
        assert i18n.format_money(12_000_000, "CNY") == "1,200万元"
        assert i18n.format_money(12_345_678, "CNY") == "1,234.57万元"
        assert i18n.format_money(250_000_000, "USD") == "2.5亿美元"
        assert i18n.format_money(9_999, "EUR") == "9,999欧元"
        assert i18n.format_money(50_000, "XYZ") == "5万 XYZ"
        assert i18n.format_money(-30_000) == "-3万"
        assert i18n.format_percent(0.5, 1) == "50.0%"
    assert i18n.format_number(None) == i18n.format_money(None) == i18n.format_percent(None) == ""


# --- names and widths --------------------------------------------------------------------

NAMES = ["王建国", "Alice", "陈晓峰", "张伟", "bob"]


def test_pinyin_sort_in_chinese_casefold_in_english():
    with i18n.use_locale("zh_CN"):
        assert sorted(NAMES, key=i18n.name_sort_key) == ["Alice", "bob", "陈晓峰", "王建国", "张伟"]
    assert sorted(NAMES, key=i18n.name_sort_key) == ["Alice", "bob", "张伟", "王建国", "陈晓峰"]


def test_pinyin_sort_details():
    names = ["曾伟", "Chen Li", "陈晓峰", "Émile", "eve", "李娜", "黎明", "Zoe", "ＡＢ"]
    order = sorted(names, key=lambda n: i18n.name_sort_key(n, "zh_CN"))
    # 曾 as a surname reads zeng (not ceng, before Chen); 黎 li2 before 李 li3; accents and
    # full width fold away
    assert order == ["ＡＢ", "Chen Li", "陈晓峰", "Émile", "eve", "黎明", "李娜", "曾伟", "Zoe"]


def test_sort_is_deterministic_whatever_the_input_order():
    names = ["bob", "Bob", "BOB", "张伟", "張偉"]
    for locale in i18n.LOCALES:
        with i18n.use_locale(locale):
            assert sorted(names, key=i18n.name_sort_key) == \
                sorted(reversed(names), key=i18n.name_sort_key)


def test_display_width_and_pad():
    assert [i18n.display_width(s) for s in ("张伟", "Alice", "王建国X", "", "a\tb")] == \
        [4, 5, 7, 0, 2]
    assert i18n.pad("张伟", 6) == "张伟  "
    assert i18n.pad("Alice", 3) == "Alice"
    assert i18n.pad("12", 4, ">") == "  12"


def test_account_text_aligns_chinese_and_latin_names(store):
    from powermap.textview import account_text

    account = store.create("account", {"name": "Acme"})["id"]
    opp = store.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
    for name, roles in (("王建国", ["decision_maker"]), ("Alice", ["user"]),
                        ("欧阳晓峰", ["coach"])):
        person = store.create("stakeholder", {"account_id": account, "name": name})["id"]
        store.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": person,
                                             "roles": roles, "influence": 3})
    rows = [line for line in account_text(store, account).splitlines()
            if "influence 3" in line]
    assert len(rows) == 3
    starts = {i18n.display_width(line[:line.index("influence")]) for line in rows}
    assert starts == {4 + 8 + 2 + 26 + 2}  # indent, widest name (欧阳晓峰), gap, roles, gap


# --- the catalogs ------------------------------------------------------------------------

def test_every_msgid_is_translated_in_every_catalog():
    """Fails when a wrapped string lacks a zh_CN translation (or is fuzzy, or the catalogs
    fell behind the sources): run ``python -m powermap.i18n update`` and translate."""
    assert tools.catalog_problems() == []


def test_catalog_problems_names_what_is_missing(tmp_path):
    shutil.copytree(catalogs.TRANSLATIONS_DIR, tmp_path / "translations")
    po = tmp_path / "translations/zh_CN/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "语言"', 'msgstr ""'), encoding="utf-8")
    assert tools.catalog_problems(translations=tmp_path / "translations") == [
        "zh_CN: untranslated: 'Language'"]


def test_catalog_problems_sees_a_new_msgid(tmp_path):
    (tmp_path / "powermap").mkdir()
    (tmp_path / "babel.cfg").write_text("[python: powermap/**.py]\n", encoding="utf-8")
    (tmp_path / "powermap" / "m.py").write_text('_("Language")\n_("Brand new")\n',
                                                encoding="utf-8")
    shutil.copytree(catalogs.TRANSLATIONS_DIR, tmp_path / "translations")
    problems = tools.catalog_problems(tmp_path, tmp_path / "translations")
    assert "zh_CN: not in the catalog (run update): 'Brand new'" in problems
    assert "zh_CN: no longer in the sources (run update): 'Choose one of the languages " \
           "offered.'" in problems
    tools.update(tmp_path, tmp_path / "translations")
    assert tools.catalog_problems(tmp_path, tmp_path / "translations") == [
        "zh_CN: untranslated: 'Brand new'"]


def test_the_build_compiles_the_catalogs(tmp_path):
    """``build_py`` writes messages.mo into the build, as a wheel carries it (.ci/run
    checks the installed wheel too)."""
    pytest.importorskip("setuptools", reason="setup.py needs setuptools (Python >= 3.12 venvs "
                                             "lack it); .ci/run checks the wheel itself")
    for name in ("setup.py", "setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path)
    for name in ("powermap", "templates", "static"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    result = subprocess.run([sys.executable, "setup.py", "-q", "build", "--build-lib", "out"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    built = tmp_path / "out" / "powermap" / "translations"
    assert (built / "zh_CN/LC_MESSAGES/messages.po").is_file()
    language = catalogs.load_language("zh_CN", built)
    assert language.source == built / "zh_CN/LC_MESSAGES/messages.mo"
    assert language.translations.gettext("Language") == "语言"


def test_review_summary_aligns_chinese_and_latin_names(store):
    from powermap.analysis import analyze
    from powermap.analysis.review import summary_text
    from powermap.graph import build_graph

    account = store.create("account", {"name": "Acme"})["id"]
    opp = store.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
    for name, attitude in (("王建国", 2), ("Alice", -1), ("欧阳晓峰", None)):
        person = store.create("stakeholder", {"account_id": account, "name": name})["id"]
        store.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": person,
                                             "roles": ["user"], "influence": 3,
                                             "attitude": attitude})
    text = summary_text(analyze(build_graph(store, opp), today=dt.date(2026, 11, 1)))
    rows = [line for line in text.splitlines() if line.endswith(" user")]
    assert len(rows) == 3
    # "  1. " + name padded to 24 cells + " " + influence: the number starts at cell 30
    assert {i18n.display_width(row[:row.index("0.")]) for row in rows} == {30}
    assert {i18n.display_width(row[:row.index(" user")]) for row in rows} == {30 + 4 + 2 + 9}
