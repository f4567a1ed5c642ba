"""The checks: one function per rule, each reading the stages and yielding findings."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from scaffold_go_docker.audit.findings import Finding, Severity
from scaffold_go_docker.audit.gomodule import GoModule
from scaffold_go_docker.audit.parse import Instruction, ParsedDockerfile, column_of
from scaffold_go_docker.audit.rules import RULES
from scaffold_go_docker.audit.shell import (
    flag_values,
    has_bool_flag,
    installed_packages,
    script_of,
    simple_commands,
)
from scaffold_go_docker.audit.stages import (
    PLATFORM_ARGS,
    Build,
    CopyStep,
    GoBuild,
    Stage,
    expand,
    find_stage,
    is_whole_context,
)
from scaffold_go_docker.facts.base_images import BaseImage, Libc, floating_tag, lookup
from scaffold_go_docker.facts.go import CA_BUNDLE, TZDATA_BUILD_TAG
from scaffold_go_docker.facts.image_sizes import GOLANG_IMAGE_SIZE


class Context(NamedTuple):
    """One Dockerfile under audit."""

    file: str
    parsed: ParsedDockerfile
    build: Build
    module: GoModule | None

    def finding(
        self,
        rule_id: str,
        where: Instruction | int,
        message: str,
        *,
        needle: str | None = None,
        severity: Severity | None = None,
        fix: str | None = None,
    ) -> Finding:
        rule = RULES[rule_id]
        if isinstance(where, Instruction):
            line, column = column_of(self.parsed.lines, where, needle)
        else:
            text = self.parsed.lines[where - 1] if 0 < where <= len(self.parsed.lines) else ""
            line, column = where, len(text) - len(text.lstrip()) + 1
        lines = self.parsed.lines
        return Finding(
            file=self.file,
            line=line,
            column=column,
            rule=rule_id,
            severity=severity or rule.severity,
            message=message,
            fix=fix or rule.fix,
            options=rule.flags,
            snippet=lines[line - 1].strip() if 0 < line <= len(lines) else "",
        )


Check = Callable[[Context], Iterator[Finding]]


# Helpers over the stages.


def _describe(stage: Stage) -> str:
    """How a message names a stage's base: `alpine:3.20 (alpine)`."""
    facts = stage.root_facts
    root = stage.chain()[0]
    image = root.image or root.reference
    if facts is None or facts.name == image:
        return image
    return f"{image} ({facts.name})"


def contributing_stages(build: Build) -> list[Stage]:
    """The final stage's chain and every stage it copies from, transitively."""
    final = build.final
    if final is None:
        return []
    seen: list[Stage] = []
    pending = final.chain()
    while pending:
        stage = pending.pop()
        if stage in seen:
            continue
        seen.append(stage)
        for step in stage.copies(build.stages):
            if step.from_stage is not None:
                pending.extend(step.from_stage.chain())
    return sorted(seen, key=lambda stage: stage.index)


def _module_builds(stage: Stage) -> list[GoBuild]:
    """`go build` and `go install` of local packages (not `go install tool@version`)."""
    return [
        build
        for build in stage.go_builds
        if build.invocation.subcommand == "build"
        or (
            build.invocation.subcommand == "install"
            and not any("@" in arg for arg in build.invocation.args)
        )
    ]


class CgoState(NamedTuple):
    enabled: bool | None
    reason: str


def cgo_state(build: GoBuild) -> CgoState:
    """Whether cgo is on for a build, and why; None when the file does not say."""
    stage = build.stage
    if "CGO_ENABLED" in build.env:
        value = build.value("CGO_ENABLED")
        if value is None:
            return CgoState(None, "CGO_ENABLED comes from a build argument")
        on = value.strip() not in ("0", "")
        return CgoState(on, f"CGO_ENABLED={value.strip()}")
    compiler = stage.c_compiler
    if compiler is None:
        return CgoState(None, "the builder is not known")
    if compiler:
        return CgoState(True, f"{_describe(stage)} has a C compiler and CGO_ENABLED is not 0")
    return CgoState(False, f"{_describe(stage)} has no C compiler, so cgo is off by default")


def _statically_linked(build: GoBuild) -> bool:
    ldflags = " ".join(flag_values(build.flags, "ldflags"))
    if "-extldflags" in ldflags and "-static" in ldflags:
        return True
    tags = {tag for value in flag_values(build.flags, "tags") for tag in re.split(r"[,\s]+", value)}
    return {"netgo", "osusergo"} <= tags


def _output_of(build: GoBuild) -> str | None:
    outputs = flag_values(build.invocation.args, "o")
    if not outputs:
        return None
    workdir = build.stage.workdir_before(build.instruction)
    return posixpath.normpath(posixpath.join(workdir, outputs[-1]))


_SUPPORT_FILE = re.compile(r"ca-certificates|/etc/ssl|/etc/pki|zoneinfo|passwd|group|/tmp")


def binaries_in_final(build: Build) -> list[GoBuild]:
    """The go builds whose output (probably) ends up in the final image."""
    final = build.final
    if final is None:
        return []
    found: list[GoBuild] = []
    for stage in contributing_stages(build):
        builds = _module_builds(stage)
        if not builds:
            continue
        if stage in final.chain():
            found += builds
            continue
        sources = [
            posixpath.normpath(source)
            for other in contributing_stages(build)
            for step in other.copies(build.stages)
            if step.from_stage is stage
            for source in step.sources
            if not _SUPPORT_FILE.search(source)
        ]
        for each in builds:
            output = _output_of(each)
            if output is None or any(
                output == source or output.startswith(source.rstrip("/") + "/")
                for source in sources
            ):
                found.append(each)
    return found


# The checks.


def check_syntax(ctx: Context) -> Iterator[Finding]:
    for problem in ctx.parsed.problems:
        yield ctx.finding("SGD001", problem.line, problem.message)


def check_toolchain_in_final(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None:
        return
    facts = final.root_facts
    if facts is not None and facts.go_toolchain:
        single = len(ctx.build.stages) == 1
        what = "the only stage" if single else "the final stage"
        yield ctx.finding(
            "SGD101",
            final.chain()[0].from_instruction,
            f"{what} is built on {_describe(final)}: the Go toolchain ({GOLANG_IMAGE_SIZE}) "
            "ships in the image",
            needle=final.chain()[0].reference,
        )
        return
    for _, instruction in final.chain_instructions():
        if instruction.keyword != "RUN":
            continue
        go_packages = installed_packages(instruction) & {"go", "golang", "golang-go"}
        if go_packages:
            yield ctx.finding(
                "SGD101",
                instruction,
                f"the final stage installs {sorted(go_packages)[0]}: the Go toolchain ships "
                "in the image",
                needle=sorted(go_packages)[0],
            )
            return


def check_source_in_final(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None:
        return
    for step in final.copies(ctx.build.stages):
        if step.from_stage is None and step.from_image is None:
            if any(is_whole_context(source) for source in step.sources):
                words = " ".join(step.instruction.args)
                yield ctx.finding(
                    "SGD102",
                    step.instruction,
                    f"{step.instruction.keyword} {words} puts the whole build context (the "
                    "source code) into the final image",
                )
        elif step.from_stage is not None:
            yield from _copied_source_dirs(ctx, step)


def _copied_source_dirs(ctx: Context, step: CopyStep) -> Iterator[Finding]:
    assert step.from_stage is not None
    context_dirs = step.from_stage.context_copy_dirs()
    for source in step.sources:
        path = posixpath.normpath(posixpath.join("/", source))
        for directory in context_dirs:
            if directory == path or directory.startswith(path.rstrip("/") + "/"):
                yield ctx.finding(
                    "SGD102",
                    step.instruction,
                    f"COPY --from={step.from_stage.name or step.from_stage.index} {source} "
                    f"copies {directory}, where {step.from_stage.label} put the build "
                    "context (the source code)",
                    needle=source,
                )
                return


def check_go_run(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None:
        return
    entrypoint = final.last("ENTRYPOINT")
    cmd = final.last("CMD")
    for instruction in (entrypoint, cmd):
        if instruction is None:
            continue
        for command in simple_commands(script_of(instruction)):
            if command.program == "go" and command.words[1:2] == ("run",):
                yield ctx.finding(
                    "SGD103",
                    instruction,
                    f"{instruction.keyword} starts `go run`: every start compiles the "
                    "program and the go tool is PID 1",
                    needle="go",
                )
                return
    if (
        entrypoint is not None
        and entrypoint.json
        and entrypoint.args[-1:] == ("go",)
        and cmd is not None
        and cmd.args[:1] == ("run",)
    ):
        yield ctx.finding("SGD103", cmd, 'ENTRYPOINT ["go"] with CMD ["run", ...] starts `go run`')


def _bind_mounts_context(instruction: Instruction) -> bool:
    for mount in instruction.flag_values("mount"):
        options = dict(part.partition("=")[::2] for part in mount.split(","))
        if options.get("type", "bind") != "bind" or "from" in options:
            continue
        source = options.get("source", options.get("src", "."))
        if is_whole_context(source):
            return True
    return False


def _mounts_module_cache(instruction: Instruction) -> bool:
    return any(
        "type=cache" in mount and "/pkg/mod" in mount for mount in instruction.flag_values("mount")
    )


def check_module_layer(ctx: Context) -> Iterator[Finding]:
    module = ctx.module
    if module is not None and (not module.requires or module.vendored):
        return
    for stage in ctx.build.stages:
        builds = _module_builds(stage)
        if any("vendor" in value for build in builds for value in flag_values(build.flags, "mod")):
            continue
        downloads = [i for i in stage.instructions if _downloads_modules(i)]
        if builds or downloads:
            finding = _module_layer_problem(ctx, stage, builds[0] if builds else None)
            if finding is not None:
                yield finding


def _downloads_modules(instruction: Instruction) -> bool:
    return instruction.keyword == "RUN" and any(
        command.program == "go" and command.words[1:3] == ("mod", "download")
        for command in simple_commands(script_of(instruction))
    )


_MODULE_FILES = re.compile(r"(?:^|/)go\.(?:mod|sum|work|work\.sum|\*)$|(?:^|/)go\.sum[*?\[]")


def _copies_source(instruction: Instruction) -> bool:
    """The whole context, Go files, or a directory poured into the working directory
    (`COPY ./server .`). A directory into a subdirectory (`COPY api/ api/`) may be a
    local module that `go mod download` needs, so it does not count; nor do go.mod and
    go.sum, or data files."""
    *sources, destination = instruction.args
    onto_workdir = destination.rstrip("/") in ("", ".")
    for source in sources:
        if _MODULE_FILES.search(source):
            continue
        name = source.rstrip("/").rsplit("/", 1)[-1]
        directory = source.endswith("/") or "." not in name
        if is_whole_context(source) or name.endswith(".go") or (directory and onto_workdir):
            return True
    return False


def _copies_downloaded_modules(ctx: Context, owner: Stage, instruction: Instruction) -> bool:
    """`COPY --from=modules /go/pkg /go/pkg` from a stage that runs `go mod download`."""
    if instruction.keyword != "COPY":
        return False
    origin = find_stage(ctx.build.stages[: owner.index], instruction.flag("from"))
    if origin is None or not any("/pkg" in source for source in instruction.args[:-1]):
        return False
    return any(_downloads_modules(each) for _, each in origin.chain_instructions())


def _module_layer_problem(ctx: Context, stage: Stage, build: GoBuild | None) -> Finding | None:
    """Walk the stage (and those below) to its build: where do modules get downloaded?"""
    context_copy: Instruction | None = None
    for owner, instruction in stage.chain_instructions():
        if instruction.keyword in ("COPY", "ADD") and instruction.flag("from") is None:
            if len(instruction.args) > 1 and _copies_source(instruction):
                context_copy = context_copy or instruction
        elif _copies_downloaded_modules(ctx, owner, instruction):
            if context_copy is None:
                return None  # the module cache of a stage that only downloads: cached too
        elif _downloads_modules(instruction):
            if context_copy is None and not _bind_mounts_context(instruction):
                return None  # go.mod/go.sum alone, then download: the layer this rule wants
            where = f" (line {context_copy.line})" if context_copy else ""
            return ctx.finding(
                "SGD104",
                instruction,
                f"`go mod download` runs after the source is copied{where}: any source "
                "change downloads every module again",
                needle="go mod download",
            )
        if build is not None and instruction is build.instruction:
            break
    if build is None:
        return None
    needle = "go build" if "go build" in build.instruction.original else "go"
    if context_copy is not None:
        return ctx.finding(
            "SGD104",
            context_copy,
            "no `go mod download` step before the source is copied: the build "
            f"(line {build.instruction.line}) fetches every module again after any source "
            "change" + _cache_note(build.instruction),
        )
    if _bind_mounts_context(build.instruction):
        return ctx.finding(
            "SGD104",
            build.instruction,
            "modules are fetched by the build itself, not in a `go mod download` step of "
            "their own" + _cache_note(build.instruction),
            needle=needle,
        )
    return None


def _cache_note(instruction: Instruction) -> str:
    if _mounts_module_cache(instruction):
        return " (the cache mount keeps them on this machine, not in a fresh CI builder)"
    return ""


def _effective_user(final: Stage) -> tuple[Instruction | None, str | None]:
    user = final.last("USER")
    if user is None or not user.args:
        return None, None
    # Which stage declares it decides which variables it sees.
    owner = next(stage for stage, each in final.chain_instructions() if each is user)
    return user, expand(user.args[0], owner.variables_before(user))


def _runs_nothing(final: Stage) -> bool:
    """A data-only image: no ENTRYPOINT or CMD, on a base without a default command
    (scratch, distroless). Nothing in it runs, so runtime checks do not apply."""
    facts = final.root_facts
    return (
        facts is not None
        and facts.shell is False
        and final.last("ENTRYPOINT") is None
        and final.last("CMD") is None
    )


def check_root_user(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None or _runs_nothing(final):
        return
    user, value = _effective_user(final)
    if user is not None:
        if value is not None and value.split(":", 1)[0].strip() in ("root", "0"):
            yield ctx.finding("SGD110", user, f"USER {user.args[0]}: the container runs as root")
        return
    facts = final.root_facts
    if facts is not None and facts.uid == 0:
        root = final.chain()[0]
        yield ctx.finding(
            "SGD110",
            root.from_instruction,
            f"no USER, and {_describe(final)} runs as root (UID 0) by default",
            needle=root.reference,
        )


def check_named_user(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None:
        return
    user, value = _effective_user(final)
    if user is None or value is None:
        return
    name = value.split(":", 1)[0].strip()
    if name and not name.isdigit() and name != "root":
        yield ctx.finding(
            "SGD111",
            user,
            f"USER {name} is a name: Kubernetes runAsNonRoot cannot verify it is not root "
            "(hadolint DL3066); use the numeric UID",
            needle=name,
        )


_CA_PATH = re.compile(r"ca-certificates|cacert|/etc/ssl|/etc/pki|\.crt$|\.pem$|certs/?$")
_ZONEINFO_PATH = re.compile(r"zoneinfo|/etc/localtime")


def _provides(
    ctx: Context,
    final: Stage,
    *,
    packages: set[str],
    path: re.Pattern[str],
    env: set[str],
    fact: Callable[[BaseImage], bool | None],
) -> bool:
    """Does the final image get something the base lacks: installed, copied or pointed at?"""
    if final.packages & packages:
        return True
    variables = final.variables_before(None)
    if any(variables.get(name) for name in env):
        return True
    for step in final.copies(ctx.build.stages):
        named = [*step.sources, step.destination]
        if any(path.search(item) for item in named):
            return True
        whole_root = any(posixpath.normpath(source) == "/" for source in step.sources)
        into_root = posixpath.normpath(step.destination) in ("/", "/etc", "/usr", "/usr/share")
        if step.from_stage is not None and (whole_root or into_root):
            origin = step.from_stage
            origin_facts = origin.root_facts
            if whole_root and origin_facts is not None and fact(origin_facts):
                return True
            if origin.packages & packages or any(
                path.search(script) for _, script in origin.scripts()
            ):
                return True
        if step.from_image is not None and whole_root:
            image_facts = lookup(step.from_image)
            if image_facts is not None and fact(image_facts):
                return True
    return False


def check_ca_certificates(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None or final.root_facts is None or final.root_facts.ca_bundle is not False:
        return
    if _runs_nothing(final):
        return
    provided = _provides(
        ctx,
        final,
        packages={"ca-certificates", "ca-certificates-bundle"},
        path=_CA_PATH,
        env={"SSL_CERT_FILE", "SSL_CERT_DIR"},
        fact=lambda facts: facts.ca_bundle,
    )
    if provided or final.runs_program("update-ca-certificates"):
        return
    module = ctx.module
    if module is not None and module.embeds_ca_roots:
        return
    severity = None
    note = ""
    if module is not None:
        evidence = module.may_use_tls
        if evidence is None:
            severity = Severity.INFO
            note = "; no TLS client code found in the module, so only info"
        else:
            note = f" ({evidence})"
    root = final.chain()[0]
    facts = final.root_facts
    fix = (
        f"`COPY --from=<build stage> {CA_BUNDLE} /etc/ssl/certs/`"
        if facts.package_manager is None
        else f"install ca-certificates with {facts.package_manager}"
    )
    yield ctx.finding(
        "SGD120",
        root.from_instruction,
        f"{_describe(final)} has no CA bundle and none is copied or installed: HTTPS calls "
        f"fail with x509: certificate signed by unknown authority{note}",
        needle=root.reference,
        severity=severity,
        fix=f"{fix} (or use distroless, which has them).",
    )


def check_time_zones(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None or final.root_facts is None or final.root_facts.zoneinfo is not False:
        return
    if _runs_nothing(final):
        return
    provided = _provides(
        ctx,
        final,
        packages={"tzdata"},
        path=_ZONEINFO_PATH,
        env={"ZONEINFO"},
        fact=lambda facts: facts.zoneinfo,
    )
    if provided or _embeds_tzdata(ctx.build):
        return
    module = ctx.module
    if module is not None and module.embeds_tzdata:
        return
    timezone = final.variables_before(None).get("TZ")
    reason = ""
    if timezone:
        reason = f"; TZ={timezone} is set and will be ignored"
    elif module is not None and module.loads_time_zones:
        reason = f"; {module.loads_time_zones} and will fail"
    root = final.chain()[0]
    yield ctx.finding(
        "SGD121",
        root.from_instruction,
        f"{_describe(final)} has no time-zone data and none is copied, installed or "
        f"embedded (-tags timetzdata): times come out in UTC{reason}",
        needle=root.reference,
        severity=Severity.WARNING if reason else None,
    )


def _embeds_tzdata(build: Build) -> bool:
    for stage in build.stages:
        for each in stage.go_builds:
            tags = " ".join(flag_values(each.flags, "tags"))
            if TZDATA_BUILD_TAG in re.split(r"[,\s]+", tags):
                return True
    return False


def check_cgo_on_static_base(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None or final.libc is None:
        return
    if ctx.module is not None and ctx.module.static_even_with_cgo:
        return
    for build in binaries_in_final(ctx.build):
        state = cgo_state(build)
        builder_libc = build.stage.libc
        if not state.enabled or builder_libc in (None, Libc.NONE) or _statically_linked(build):
            continue
        if final.libc == builder_libc:
            continue
        has = (
            "no C library"
            if final.libc is Libc.NONE
            else f"{final.libc.value}, not {builder_libc.value}"
        )
        yield ctx.finding(
            "SGD130",
            build.instruction,
            f"cgo is on ({state.reason}), so the binary needs {builder_libc.value} and its "
            f"dynamic loader; the final image {_describe(final)} has {has}: it fails to "
            "start with `no such file or directory`",
            needle="go build" if "go build" in build.instruction.original else "go",
        )
        return


def check_cgo_module(ctx: Context) -> Iterator[Finding]:
    module = ctx.module
    if module is None:
        return
    if module.cgo_requirements:
        required, wraps = module.cgo_requirements[0]
        need = f"go.mod requires {required}, which needs cgo ({wraps})"
    elif module.cgo_import is not None:
        need = f"{module.cgo_import} (cgo)"
    else:
        return
    for stage in ctx.build.stages:
        for build in _module_builds(stage):
            state = cgo_state(build)
            if state.enabled is False:
                yield ctx.finding(
                    "SGD131",
                    build.instruction,
                    f"{need}, but {state.reason}: the build fails or the binary fails at run time",
                    needle="go build" if "go build" in build.instruction.original else "go",
                )
                return


def check_floating_tags(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.build.stages:
        if stage.image is None or stage.parent is not None:
            continue
        reason = floating_tag(stage.image, lookup(stage.image))
        if reason:
            yield ctx.finding(
                "SGD140",
                stage.from_instruction,
                f"{stage.image}: {reason}{_hadolint_rule(stage.image)}",
                needle=stage.reference,
            )
    for stage in ctx.build.stages:
        for instruction in stage.instructions:
            image = instruction.flag("from") if instruction.keyword in ("COPY", "ADD") else None
            if image is None or find_stage(ctx.build.stages[: stage.index], image) is not None:
                continue
            reason = floating_tag(image, lookup(image))
            if reason:
                yield ctx.finding(
                    "SGD140",
                    instruction,
                    f"--from={image}: {reason}{_hadolint_rule(image)}",
                    needle=image,
                )


def _hadolint_rule(image: str) -> str:
    tag = image.rsplit("/", 1)[-1].partition("@")[0]
    if ":" not in tag:
        return " (hadolint DL3006)"
    if tag.endswith(":latest"):
        return " (hadolint DL3007)"
    return ""


def _has_shell(final: Stage) -> bool | None:
    if final.last("SHELL") is not None:
        return True
    return None if final.root_facts is None else final.root_facts.shell


def check_shell_form(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None:
        return
    shell = _has_shell(final)
    base = _describe(final)
    entrypoint = final.last("ENTRYPOINT")
    cmd = final.last("CMD")
    for instruction in (entrypoint, cmd):
        if instruction is None or instruction.json or not instruction.args:
            continue
        keyword = instruction.keyword
        if shell is False:
            yield ctx.finding(
                "SGD150",
                instruction,
                f"shell-form {keyword} runs /bin/sh -c, which {base} does not have: the "
                "container cannot start",
                severity=Severity.ERROR,
            )
        elif keyword == "CMD" and entrypoint is not None and entrypoint.json:
            yield ctx.finding(
                "SGD150",
                instruction,
                "shell-form CMD after an exec-form ENTRYPOINT passes `/bin/sh -c ...` to "
                "it as arguments",
            )
        elif keyword == "CMD" and entrypoint is not None:
            continue  # a shell-form ENTRYPOINT ignores CMD
        elif not instruction.args[0].lstrip().startswith("exec "):
            yield ctx.finding(
                "SGD150",
                instruction,
                f"shell-form {keyword}: /bin/sh is PID 1, so the Go process does not "
                "receive SIGTERM and is killed after the grace period",
            )
    healthcheck = final.last("HEALTHCHECK")
    if (
        shell is False
        and healthcheck is not None
        and not healthcheck.json
        and healthcheck.args[:1] == ("CMD",)
    ):
        yield ctx.finding(
            "SGD150",
            healthcheck,
            f"shell-form HEALTHCHECK runs /bin/sh -c, which {base} does not have: the check "
            "always fails",
            severity=Severity.ERROR,
            fix='Use exec form: `HEALTHCHECK CMD ["/usr/local/bin/app", "-healthcheck"]`.',
        )


def _wrapped_by_xx(stage: Stage) -> bool:
    """`xx-go --wrap` (tonistiigi/xx) makes `go` itself set GOOS/GOARCH for the target."""
    return any(
        command.program == "xx-go" and "--wrap" in command.words
        for _, script in stage.scripts()
        for command in simple_commands(script)
    )


def check_build_platform_arch(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.build.stages:
        if not stage.on_build_platform or _wrapped_by_xx(stage):
            continue
        for build in _module_builds(stage):
            problem = _platform_problem(build)
            if problem is not None:
                message, needle = problem
                yield ctx.finding(
                    "SGD160",
                    build.instruction,
                    f"{message} in {stage.label}, which runs on $BUILDPLATFORM: every target "
                    "platform gets the same binary",
                    needle=needle,
                )


def _platform_problem(build: GoBuild) -> tuple[str, str] | None:
    if "GOARCH" not in build.env:
        return "go build without GOARCH builds for the build machine", "go"
    for name, allowed in (("GOARCH", None), ("GOOS", "linux")):
        if name not in build.env:
            continue
        raw = build.env[name]
        if raw is None:
            continue  # from an unknown argument: SGD161 or the user's --build-arg
        if "$" in raw:
            if "BUILD" in raw and "TARGET" not in raw:
                return f"{name}={raw} is the build machine's", f"{name}="
            continue
        if raw != allowed:
            return f"{name}={raw} is hard-coded", f"{name}={raw}"
    return None


_PLATFORM_REFERENCE = re.compile(r"\$\{?(" + "|".join(sorted(PLATFORM_ARGS)) + r")\b")


def check_undeclared_platform_args(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.build.stages:
        reported: set[str] = set()
        for instruction in stage.instructions:
            if instruction.keyword in ("ARG", "FROM"):
                continue
            text = script_of(instruction) if instruction.keyword == "RUN" else instruction.original
            for match in _PLATFORM_REFERENCE.finditer(text):
                name = match.group(1)
                if name in reported or stage.declares_arg(name, before=instruction):
                    continue
                reported.add(name)
                yield ctx.finding(
                    "SGD161",
                    instruction,
                    f"${name} is used in {stage.label} without `ARG {name}` there: it "
                    "expands empty",
                    needle=match.group(0),
                    fix=f"Add `ARG {name}` to {stage.label}, before this instruction.",
                )


_GO_SUM_GLOB = re.compile(r"(?:^|/)go\.sum[*?\[]")


def check_go_sum_glob(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.build.stages:
        for instruction in stage.instructions:
            if instruction.keyword not in ("COPY", "ADD"):
                continue
            for source in instruction.args[:-1]:
                if _GO_SUM_GLOB.search(source):
                    yield ctx.finding(
                        "SGD170",
                        instruction,
                        f"{source} matches nothing in a module without dependencies, and "
                        "buildah and podman then fail the build; `go.*` always matches",
                        needle=source,
                    )


def check_healthcheck_tools(ctx: Context) -> Iterator[Finding]:
    final = ctx.build.final
    if final is None or final.root_facts is None:
        return
    healthcheck = final.last("HEALTHCHECK")
    if healthcheck is None or healthcheck.args[:1] != ("CMD",):
        return
    command = healthcheck._replace(args=healthcheck.args[1:], keyword="CMD")
    programs = [c.program for c in simple_commands(script_of(command))]
    copied = [
        posixpath.basename(step.destination.rstrip("/")) or ""
        for step in final.copies(ctx.build.stages)
    ] + [
        posixpath.basename(source)
        for step in final.copies(ctx.build.stages)
        for source in step.sources
    ]
    for tool in ("curl", "wget"):
        if tool not in programs:
            continue
        if getattr(final.root_facts, tool) or tool in final.packages or tool in copied:
            continue
        if final.root_facts.package_manager is None and _has_shell(final) is False:
            how = "has neither curl nor wget"
        else:
            how = f"does not have {tool}"
        yield ctx.finding(
            "SGD180",
            healthcheck,
            f"HEALTHCHECK runs {tool}, but {_describe(final)} {how}: the check always fails",
            needle=tool,
        )
        return


def check_build_flags(ctx: Context) -> Iterator[Finding]:
    for build in binaries_in_final(ctx.build):
        flags = build.flags
        needle = "go build" if "go build" in build.instruction.original else "go"
        if not has_bool_flag(flags, "trimpath"):
            yield ctx.finding(
                "SGD190",
                build.instruction,
                "go build without -trimpath: the binary records the builder's paths",
                needle=needle,
            )
        ldflags = " ".join(flag_values(flags, "ldflags")).replace('"', " ").replace("'", " ")
        words = ldflags.split()
        if "-s" in words or _stripped_later(build):
            continue
        message = (
            "go build with -w but not -s: the symbol table stays in the binary"
            if "-w" in words
            else "go build without -ldflags='-s -w': symbol table and DWARF data stay in the binary"
        )
        yield ctx.finding("SGD191", build.instruction, message, needle=needle)


def _stripped_later(build: GoBuild) -> bool:
    return any(build.stage.runs_program(program) for program in ("strip", "upx", "llvm-strip"))


CHECKS: tuple[Check, ...] = (
    check_syntax,
    check_toolchain_in_final,
    check_source_in_final,
    check_go_run,
    check_module_layer,
    check_root_user,
    check_named_user,
    check_ca_certificates,
    check_time_zones,
    check_cgo_on_static_base,
    check_cgo_module,
    check_floating_tags,
    check_shell_form,
    check_build_platform_arch,
    check_undeclared_platform_args,
    check_go_sum_glob,
    check_healthcheck_tools,
    check_build_flags,
)
