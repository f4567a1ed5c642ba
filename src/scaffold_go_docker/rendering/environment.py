"""The Jinja2 environment over the templates the package carries.

The templates live in the repository's top-level `templates/`; the wheel carries them as
`scaffold_go_docker/templates`, and a source checkout links that name to them, so the
package finds them one way. Rendering reads the templates and nothing else: no cache.
"""

from __future__ import annotations

from functools import cache

import jinja2

from scaffold_go_docker.options.defaults import DISTROLESS_UID, HealthcheckTiming
from scaffold_go_docker.rendering.dockerfile_view import USER_NAME


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("scaffold_go_docker", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    # Fixed values every template may name, from their one home.
    env.globals.update(
        user_name=USER_NAME,
        distroless_uid=DISTROLESS_UID,
        health=HealthcheckTiming,
    )
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
