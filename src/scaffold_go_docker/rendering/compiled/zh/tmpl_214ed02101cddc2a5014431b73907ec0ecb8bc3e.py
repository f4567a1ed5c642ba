from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfile/builder.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_d = resolve('d')
    l_0__ = resolve('_')
    l_0_o = resolve('o')
    l_0_probe_dir = resolve('probe_dir')
    l_0_b = missing
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    l_0_b = environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'builder')
    context.vars['b'] = l_0_b
    context.exported_vars.add('b')
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '--- Build stage: the Go toolchain compiles a binary and is then thrown away ---')))
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'on_build_platform'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Runs on the build machine's own platform and cross-compiles for the target, so\n`docker buildx build --platform %(platforms)s` needs no emulation.", platforms=t_2(context.eval_ctx, environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'), ','))))
        yield '\nFROM --platform=$BUILDPLATFORM '
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
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'git fetches modules that are not on a module proxy.')))
            yield '\n'
        if ('gcc' in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'gcc and musl-dev compile the cgo parts.')))
            yield '\n'
        if ('openssh-client' in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'packages')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'openssh-client lets git use the forwarded SSH agent.')))
            yield '\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Packages come from the Alpine mirror %(mirror)s.', mirror=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'))))
            yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The base tag pins an Alpine minor, whose repository only takes security fixes, so\npackage versions are pinned by the tag (exact apk pins break when Alpine drops them).')))
        yield '\n# hadolint ignore=DL3018\nRUN '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'apk_run'), ' \\\n && '))
        yield '\n'
    yield '\nWORKDIR /src\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'goprivate'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Private modules bypass the public proxy and checksum database. A build arg, so CI can\nwiden it with --build-arg; credentials never go in an ARG or ENV (they stay in history).\nGOPRIVATE holds module path patterns, not a secret: hadolint's DL3064 matches the name only.")))
        yield '\n# hadolint ignore=DL3064\nARG GOPRIVATE='
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'goprivate'))
        yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_args'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Where go mod download and go build fetch modules (and check their sums). Build args,\nso CI can point them elsewhere with --build-arg.')))
        yield '\n'
        for l_1_arg in environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_args'):
            _loop_vars = {}
            pass
            yield 'ARG '
            yield str(l_1_arg)
            yield '\n'
        l_1_arg = missing
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'ssh_rewrites'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Fetch private modules over SSH with the agent forwarded by `--ssh default`.')))
        yield '\nRUN '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'ssh_rewrites'), ' \\\n && '))
        yield '\nENV GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=accept-new"\n'
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_files'):
        pass
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'workspace_modules'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Dependencies first, in their own layer: the context is the go.work workspace, so go.work\n(and go.work.sum, if there is one) and every member's go.mod and go.sum come first; the layer\nis rebuilt only when one of them changes. `go.*` patterns always match the go.mod and pick up\na go.sum only where there is one: a pattern that matches nothing fails on buildah and podman.")))
            yield '\n'
        else:
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Dependencies first, in their own layer: it is rebuilt only when go.mod/go.sum change.\n`go.*` always matches go.mod and picks up go.sum once there are dependencies; a\n`go.sum*` pattern that matches nothing fails on buildah and podman.')))
            yield '\n'
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
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The module cache is a BuildKit cache mount: it survives between builds.')))
            yield '\nRUN '
            yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'download_mounts'), ' \\\n    '))
            yield ' \\\n    go mod download\n'
        else:
            pass
            yield 'RUN go mod download\n'
    else:
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The module vendors its dependencies: they come with the source from vendor/, so nothing\nis downloaded and the build needs no network.')))
        yield '\n'
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
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The module builds from its directory in the workspace.')))
        yield '\nWORKDIR /src/'
        yield str(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'module_dir'))
        yield '\n'
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'mounts'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The build cache is mounted too: a source change recompiles only what changed.')))
        yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'on_build_platform'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'GOOS/GOARCH (and GOARM for arm/v6, arm/v7) come from the --platform being built.')))
        yield '\n'
    if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo') and (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo_link'), 'value') == 'static')):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "CGO_ENABLED=1 with -extldflags -static links the C library into the binary, so it\nruns without one; -tags netgo,osusergo resolves host and user names in Go, since glibc's\nlookups cannot be linked statically.")))
        yield '\n'
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cgo'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'CGO_ENABLED=1 links against the C library, so the runtime needs the same libc.')))
        yield '\n'
    else:
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'CGO_ENABLED=0 gives a static binary: no C library needed at runtime.')))
        yield '\n'
    if ('-trimpath' in environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'flags')):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '-trimpath keeps build paths out of the binary.')))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'vendor'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '-mod=vendor builds from vendor/ only.')))
        yield '\n'
    if ('-buildvcs=false' in environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'flags')):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '-buildvcs=false: VCS stamping fails when git refuses a .git in the context.')))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'tags'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "-tags %(tags)s: the service's own build tags.", tags=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'tags'))))
        yield '\n'
    if environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'embeds_zoneinfo'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '-tags timetzdata embeds the zoneinfo database (~450 KB): time zones load anywhere.')))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'strip'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '-s -w strips the symbol table and DWARF data.')))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'version_stamp'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "-X stamps the build's VERSION and COMMIT into the binary.")))
        yield '\n'
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stamped_variables'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "-X stamps build args into the module's own variables: %(stamps)s.", stamps=t_2(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'stamps'), ', '))))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'ldflags'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The last linker flags are the service's own.")))
        yield '\n'
    if (t_3(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'packages')) > 1):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Several main packages: go build writes each binary, named after its directory, into %(dir)s.', dir=environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'output'))))
        yield '\n'
    yield 'RUN '
    yield str(t_2(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'lines'), ' \\\n    '))
    yield ' \\\n        -o '
    yield str(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'output'))
    yield ' '
    yield str(t_2(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'build'), 'packages'), ' '))
    yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'staged_rootfs'):
        pass
        yield '\n'
        if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'scratch'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Files the empty runtime image needs, staged here where a shell exists.')))
            yield '\n'
        else:
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Directories the runtime image needs, made here: it has no shell.')))
            yield '\n'
        if (not environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'buildkit')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'A layer of its own, so a change to these files does not rebuild the binary.')))
            yield '\n# hadolint ignore=DL3059\n'
        yield 'RUN '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'staged_rootfs'), ' \\\n && '))
        yield '\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The HEALTHCHECK's probe: the runtime image has no wget, so a small static Go program\n(about 2 MB, only the net package) requests %(path)s and succeeds on a 2xx or 3xx answer.\nIt is written and built in a directory of its own, outside the module.", path=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))))
        yield '\nWORKDIR '
        yield str((undefined(name='probe_dir') if l_0_probe_dir is missing else l_0_probe_dir))
        yield '\nRUN '
        yield str(t_2(context.eval_ctx, (environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'mounts') + environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'write')), ' \\\n    '))
        yield ' > main.go \\\n && '
        yield str(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'probe'), 'build'))
        yield '\n'
    yield '\n'

blocks = {}
debug_info = '2=34&3=37&4=39&6=41&7=43&9=48&11=50&13=53&14=55&16=57&17=59&19=61&20=63&22=65&23=67&26=69&28=71&32=74&36=77&38=79&40=81&43=84&44=86&45=90&48=93&49=95&50=97&54=100&55=102&59=104&63=108&65=110&66=114&68=119&69=121&70=123&77=130&81=133&83=136&84=140&88=144&90=147&91=149&94=152&95=154&97=156&98=158&100=160&103=162&104=164&105=166&107=170&109=172&110=174&112=176&113=178&115=180&116=182&118=184&119=186&121=188&122=190&124=192&125=194&127=196&128=198&129=200&130=202&132=204&133=206&135=208&136=210&138=213&139=215&140=219&142=222&143=224&145=228&147=230&148=232&151=235&153=237&157=240&158=242&159=244&160=246'