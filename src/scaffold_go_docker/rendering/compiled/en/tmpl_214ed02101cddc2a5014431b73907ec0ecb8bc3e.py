from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfile/builder.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_d = resolve('d')
    l_0_o = resolve('o')
    l_0_probe_dir = resolve('probe_dir')
    l_0_b = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    l_0_b = environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'builder')
    context.vars['b'] = l_0_b
    context.exported_vars.add('b')
    yield '# --- Build stage: the Go toolchain compiles a binary and is then thrown away ---\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'on_build_platform'):
        pass
        yield "# Runs on the build machine's own platform and cross-compiles for the target, so\n# `docker buildx build --platform "
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'), ','))
        yield '` needs no emulation.\nFROM --platform=$BUILDPLATFORM '
        yield str(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'image'))
        yield ' AS builder\n'
    else:
        pass
        yield 'FROM '
        yield str(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'image'))
        yield ' AS builder\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages'):
        pass
        yield '\n'
        if ('git' in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages')):
            pass
            yield '# git fetches modules that are not on a module proxy.\n'
        if ('gcc' in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages')):
            pass
            yield '# gcc and musl-dev compile the cgo parts.\n'
        if ('openssh-client' in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages')):
            pass
            yield '# openssh-client lets git use the forwarded SSH agent.\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'):
            pass
            yield '# Packages come from the Alpine mirror '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'))
            yield '.\n'
        yield '# The base tag pins an Alpine minor, whose repository only takes security fixes, so\n# package versions are pinned by the tag (exact apk pins break when Alpine drops them).\n# hadolint ignore=DL3018\nRUN '
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'apk_run'), ' \\\n && '))
        yield '\n'
    yield '\nWORKDIR /src\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'goprivate'):
        pass
        yield "\n# Private modules bypass the public proxy and checksum database. A build arg, so CI can\n# widen it with --build-arg; credentials never go in an ARG or ENV (they stay in history).\n# GOPRIVATE holds module path patterns, not a secret: hadolint's DL3064 matches the name only.\n# hadolint ignore=DL3064\nARG GOPRIVATE="
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'goprivate'))
        yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_args'):
        pass
        yield '\n# Where go mod download and go build fetch modules (and check their sums). Build args,\n# so CI can point them elsewhere with --build-arg.\n'
        for l_1_arg in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_args'):
            _loop_vars = {}
            pass
            yield 'ARG '
            yield str(l_1_arg)
            yield '\n'
        l_1_arg = missing
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'ssh_rewrites'):
        pass
        yield '# Fetch private modules over SSH with the agent forwarded by `--ssh default`.\nRUN '
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'ssh_rewrites'), ' \\\n && '))
        yield '\nENV GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=accept-new"\n'
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_files'):
        pass
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'workspace_modules'):
            pass
            yield "# Dependencies first, in their own layer: the context is the go.work workspace, so go.work\n# (and go.work.sum, if there is one) and every member's go.mod and go.sum come first; the layer\n# is rebuilt only when one of them changes. `go.*` patterns always match the go.mod and pick up\n# a go.sum only where there is one: a pattern that matches nothing fails on buildah and podman.\n"
        else:
            pass
            yield '# Dependencies first, in their own layer: it is rebuilt only when go.mod/go.sum change.\n# `go.*` always matches go.mod and picks up go.sum once there are dependencies; a\n# `go.sum*` pattern that matches nothing fails on buildah and podman.\n'
        for (l_1_source, l_1_target) in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_files'):
            _loop_vars = {}
            pass
            yield 'COPY '
            yield str(l_1_source)
            yield ' '
            yield str(l_1_target)
            yield '\n'
        l_1_source = l_1_target = missing
        if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'download_mounts'):
            pass
            yield '# The module cache is a BuildKit cache mount: it survives between builds.\nRUN '
            yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'download_mounts'), ' \\\n    '))
            yield ' \\\n    go mod download\n'
        else:
            pass
            yield 'RUN go mod download\n'
    else:
        pass
        yield '# The module vendors its dependencies: they come with the source from vendor/, so nothing\n# is downloaded and the build needs no network.\n'
    yield '\nCOPY . .\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'args'):
        pass
        yield '\n'
        for l_1_arg in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'args'):
            _loop_vars = {}
            pass
            yield 'ARG '
            yield str(l_1_arg)
            yield '\n'
        l_1_arg = missing
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_dir'):
        pass
        yield '\n# The module builds from its directory in the workspace.\nWORKDIR /src/'
        yield str(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_dir'))
        yield '\n'
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'mounts'):
        pass
        yield '# The build cache is mounted too: a source change recompiles only what changed.\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'on_build_platform'):
        pass
        yield '# GOOS/GOARCH (and GOARM for arm/v6, arm/v7) come from the --platform being built.\n'
    if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo') and (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo_link'), 'value') == 'static')):
        pass
        yield "# CGO_ENABLED=1 with -extldflags -static links the C library into the binary, so it\n# runs without one; -tags netgo,osusergo resolves host and user names in Go, since glibc's\n# lookups cannot be linked statically.\n"
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo'):
        pass
        yield '# CGO_ENABLED=1 links against the C library, so the runtime needs the same libc.\n'
    else:
        pass
        yield '# CGO_ENABLED=0 gives a static binary: no C library needed at runtime.\n'
    if ('-trimpath' in environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'flags')):
        pass
        yield '# -trimpath keeps build paths out of the binary.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'vendor'):
        pass
        yield '# -mod=vendor builds from vendor/ only.\n'
    if ('-buildvcs=false' in environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'flags')):
        pass
        yield '# -buildvcs=false: VCS stamping fails when git refuses a .git in the context.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'tags'):
        pass
        yield '# -tags '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'tags'))
        yield ": the service's own build tags.\n"
    if environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'embeds_zoneinfo'):
        pass
        yield '# -tags timetzdata embeds the zoneinfo database (~450 KB): time zones load anywhere.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'strip'):
        pass
        yield '# -s -w strips the symbol table and DWARF data.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'version_stamp'):
        pass
        yield "# -X stamps the build's VERSION and COMMIT into the binary.\n"
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stamped_variables'):
        pass
        yield "# -X stamps build args into the module's own variables: "
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'stamps'), ', '))
        yield '.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'ldflags'):
        pass
        yield "# The last linker flags are the service's own.\n"
    if (t_2(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'packages')) > 1):
        pass
        yield '# Several main packages: go build writes each binary, named after its directory, into '
        yield str(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'output'))
        yield '.\n'
    yield 'RUN '
    yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'lines'), ' \\\n    '))
    yield ' \\\n        -o '
    yield str(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'output'))
    yield ' '
    yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'packages'), ' '))
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'staged_rootfs'):
        pass
        yield '\n'
        if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'scratch'):
            pass
            yield '# Files the empty runtime image needs, staged here where a shell exists.\n'
        else:
            pass
            yield '# Directories the runtime image needs, made here: it has no shell.\n'
        if (not environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'buildkit')):
            pass
            yield '# A layer of its own, so a change to these files does not rebuild the binary.\n# hadolint ignore=DL3059\n'
        yield 'RUN '
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'staged_rootfs'), ' \\\n && '))
        yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'):
        pass
        yield "\n# The HEALTHCHECK's probe: the runtime image has no wget, so a small static Go program\n# (about 2 MB, only the net package) requests "
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))
        yield ' and succeeds on a 2xx or 3xx answer.\n# It is written and built in a directory of its own, outside the module.\nWORKDIR '
        yield str((undefined(name='probe_dir') if l_0_probe_dir is missing else l_0_probe_dir))
        yield '\nRUN '
        yield str(t_1(context.eval_ctx, (environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'mounts') + environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'write')), ' \\\n    '))
        yield ' > main.go \\\n && '
        yield str(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'build'))
        yield '\n'
    yield '\n'

blocks = {}
debug_info = '2=27&4=31&6=34&7=36&9=41&11=43&13=46&16=49&19=52&22=55&23=58&28=61&32=64&38=67&40=69&44=72&45=76&48=79&50=82&54=85&55=87&65=93&66=97&68=102&70=105&81=114&83=117&84=121&88=125&91=128&94=131&97=134&100=137&104=140&109=146&112=149&115=152&118=155&119=158&121=160&124=163&127=166&129=169&130=172&132=174&135=177&136=180&138=183&139=185&140=189&142=192&147=198&151=202&153=204&156=207&158=209&159=211&160=213'