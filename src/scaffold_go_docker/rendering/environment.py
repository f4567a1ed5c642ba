"""The Jinja2 environment over the templates the package carries, one per language.

The templates live in the repository's top-level `templates/`; the wheel carries them as
`scaffold_go_docker/templates`, and a source checkout links that name to them, so the
package finds them one way. Rendering reads the templates and nothing else.

Every explanation in a template is a message, `{{ _("...") | comment }}`: `_` is the
language's gettext (Jinja's i18n extension, new-style: placeholders are keyword arguments)
and `comment` makes `# ` lines of it, wrapping translations by display width. In English
the messages are folded into the templates' text as they are parsed (`source_text`).
The package carries the templates compiled, too (`precompiled`): while those are current,
rendering loads them instead of compiling the sources.
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING

import jinja2
from jinja2.ext import Extension

from scaffold_go_docker.facts.image_sizes import GOLANG_IMAGE_SIZE
from scaffold_go_docker.i18n import SOURCE_LANGUAGE, translations
from scaffold_go_docker.options.defaults import DISTROLESS_UID, HealthcheckTiming
from scaffold_go_docker.options.enums import Lang
from scaffold_go_docker.rendering import precompiled
from scaffold_go_docker.rendering.dockerfile_view import PROBE_DIR, USER_NAME
from scaffold_go_docker.rendering.source_text import SourceText
from scaffold_go_docker.rendering.text import COMMENT_WIDTH, comment, exec_form

if TYPE_CHECKING:
    from scaffold_go_docker.options.model import Options


@cache
def environment(lang: Lang = Lang.EN) -> jinja2.Environment:
    """The environment templates render in: compiled ahead of time where that is current."""
    env = source_environment(lang)
    compiled = precompiled.loader(lang.value)
    if compiled is not None:
        env.loader = compiled
    return env


def source_environment(lang: Lang) -> jinja2.Environment:
    """The environment that compiles `lang`'s templates from their sources."""
    return build_environment(lang, fold_source_text=lang == SOURCE_LANGUAGE)


def build_environment(lang: Lang, *, fold_source_text: bool) -> jinja2.Environment:
    """The environment of `lang`; `fold_source_text` turns English messages into template
    text as templates are parsed (`source_text`), which renders the same, compiled faster."""
    extensions: list[str | type[Extension]] = ["jinja2.ext.i18n"]
    if fold_source_text:
        extensions.append(SourceText)
    # babel.cfg parses the templates alike to find the messages (a test compares them).
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("scaffold_go_docker", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        extensions=extensions,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # English is wrapped by hand in the templates; a translation by display width.
    width = None if lang == SOURCE_LANGUAGE else COMMENT_WIDTH
    env.filters["comment"] = partial(comment, width=width)
    env.filters["exec_form"] = exec_form
    # Fixed values every template may name, from their one home.
    env.globals.update(
        user_name=USER_NAME,
        distroless_uid=DISTROLESS_UID,
        health=HealthcheckTiming,
        probe_dir=PROBE_DIR,
        golang_image_size=GOLANG_IMAGE_SIZE,
    )
    return env


def render_template(name: str, options: Options, **context: object) -> str:
    """Template `name` in the options' language, with the options as `o`."""
    return environment(options.lang).get_template(name).render(o=options, **context)
