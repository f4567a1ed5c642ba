from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfile/runtime.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_d = resolve('d')
    l_0_o = resolve('o')
    l_0_distroless_uid = resolve('distroless_uid')
    l_0_user_name = resolve('user_name')
    l_0_copy = resolve('copy')
    l_0_health = resolve('health')
    l_0_target = resolve('target')
    l_0_r = l_0_single = missing
    try:
        t_1 = environment.filters['exec_form']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'exec_form' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_r = environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'runtime')
    context.vars['r'] = l_0_r
    context.exported_vars.add('r')
    yield '# --- Runtime stage: only the binary and the few files it needs ---\n'
    if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'alpine'):
        pass
        yield '# Alpine: a few MB, with a shell and apk for debugging.\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'scratch'):
        pass
        yield '# scratch is empty: the image is the binary plus what is copied in below.\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'distroless-base'):
        pass
        yield '# distroless base: glibc for the cgo binary, CA certificates, tzdata and a nonroot user ('
        yield str((undefined(name='distroless_uid') if l_0_distroless_uid is missing else l_0_distroless_uid))
        yield '), no shell.\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'debian'):
        pass
        yield '# Debian slim: glibc for the cgo binary, time-zone data and a shell, no CA certificates of its own.\n'
    else:
        pass
        yield '# distroless static: CA certificates, tzdata and a nonroot user ('
        yield str((undefined(name='distroless_uid') if l_0_distroless_uid is missing else l_0_distroless_uid))
        yield '), no shell.\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'without_ca_bundle'):
        pass
        yield "# No CA certificates: outbound HTTPS would fail with x509 errors, so this image is for a\n# service that makes no TLS calls (--ca-certificates copies the builder's bundle in).\n# scaffold-go-docker ignore=SGD120 no outbound TLS, by choice\n"
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'as_root'):
        pass
        yield '# scaffold-go-docker ignore=SGD110 runs as root, by choice (--non-root would not)\n'
    yield 'FROM '
    yield str(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'image'))
    yield ' AS runtime\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'args'):
        pass
        yield '\n'
        for l_1_arg in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'args'):
            _loop_vars = {}
            pass
            yield 'ARG '
            yield str(l_1_arg)
            yield '\n'
        l_1_arg = missing
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'labels'):
        pass
        yield '# OCI annotations: where the image comes from and which build it is.\nLABEL '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'labels'), ' \\\n      '))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'):
        pass
        yield '\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') == ('ca-certificates', 'tzdata')):
            pass
            yield '# ca-certificates for outbound TLS and tzdata for time zones.\n'
        elif (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') == ('ca-certificates',)):
            pass
            yield '# ca-certificates for outbound TLS.\n'
        elif environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages'):
            pass
            yield '# tzdata for time zones.\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') and environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror')):
            pass
            yield '# Packages come from the Alpine mirror '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'))
            yield '.\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'adds_user'):
            pass
            yield "# A system user '"
            yield str((undefined(name='user_name') if l_0_user_name is missing else l_0_user_name))
            yield "', so tools show a name for UID "
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
            yield '.\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes') and ('mkdir' in t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'), ' '))):
            pass
            yield '# The directories the service writes, owned by UID '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
            yield ': '
            yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes'), ', '))
            yield '.\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages'):
            pass
            yield '# hadolint ignore=DL3018\n'
        yield 'RUN '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'), ' \\\n && '))
        yield '\n'
    for l_1_copy in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'copies'):
        _loop_vars = {}
        pass
        yield '\n'
        if (environment.getattr(l_1_copy, 'what') == 'rootfs'):
            pass
            if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'passwd_entry') and environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'writable_tmp')):
                pass
                yield '# /etc/passwd and /etc/group name UID '
                yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
                yield '; /tmp is writable by all, sticky as usual.\n'
            elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'passwd_entry'):
                pass
                yield '# /etc/passwd and /etc/group name UID '
                yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
                yield '.\n'
            else:
                pass
                yield '# /tmp is writable by all, sticky as usual.\n'
        elif (environment.getattr(l_1_copy, 'what') == 'ca_bundle'):
            pass
            yield '# CA certificates from the builder, for outbound TLS (otherwise: x509: certificate signed by unknown authority).\n'
        elif (environment.getattr(l_1_copy, 'what') == 'zoneinfo'):
            pass
            yield "# Go's own zoneinfo archive from the builder; ZONEINFO tells Go where it is.\n"
        elif (environment.getattr(l_1_copy, 'what') == 'probe'):
            pass
            yield '# The health-check probe from the builder.\n'
        elif (environment.getattr(l_1_copy, 'what') == 'writable'):
            pass
            yield '# '
            yield str(environment.getattr(l_1_copy, 'target'))
            yield ' belongs to UID '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
            yield ': the service writes there.\n'
        yield 'COPY '
        yield str(environment.getattr(l_1_copy, 'flags'))
        yield ' '
        yield str(environment.getattr(l_1_copy, 'source'))
        yield ' '
        yield str(environment.getattr(l_1_copy, 'target'))
        yield '\n'
    l_1_copy = missing
    l_0_single = t_4(environment.getattr(environment.getitem(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), 0), 'name'))
    context.vars['single'] = l_0_single
    context.exported_vars.add('single')
    if (undefined(name='single') if l_0_single is missing else l_0_single):
        pass
        l_0_copy = environment.getattr(environment.getitem(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), 0), 'copy')
        context.vars['copy'] = l_0_copy
        context.exported_vars.add('copy')
        yield '\n'
        if (environment.getattr((undefined(name='copy') if l_0_copy is missing else l_0_copy), 'what') == 'binaries'):
            pass
            yield '# The binaries stay owned by root: the service cannot overwrite them.\n'
        else:
            pass
            yield '# The binary stays owned by root: the service cannot overwrite itself.\n'
        yield 'COPY '
        yield str(environment.getattr((undefined(name='copy') if l_0_copy is missing else l_0_copy), 'flags'))
        yield ' '
        yield str(environment.getattr((undefined(name='copy') if l_0_copy is missing else l_0_copy), 'source'))
        yield ' '
        yield str(environment.getattr((undefined(name='copy') if l_0_copy is missing else l_0_copy), 'target'))
        yield '\n'
    for (l_1_name, l_1_value) in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'env'):
        _loop_vars = {}
        pass
        yield '\n'
        if (l_1_name == 'TZ'):
            pass
            yield "# The service's local time: log times carry "
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'timezone'))
            yield "'s offset, not UTC's.\n"
        yield 'ENV '
        yield str(l_1_name)
        yield '='
        yield str(l_1_value)
        yield '\n'
    l_1_name = l_1_value = missing
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'user_env'):
        pass
        yield "\n# The service's environment.\nENV "
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'user_env'), ' \\\n    '))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'non_root'):
        pass
        yield '\n# A numeric UID:GID: Kubernetes runAsNonRoot can only verify a numeric user.\nUSER '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
        yield ':'
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes'):
        pass
        yield "\n# Volumes for the writable directories: their data outlives the container, and the\n# image's own files stay read-only to the service.\nVOLUME "
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes')))
        yield '\n'
    yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'expose'):
        pass
        yield 'EXPOSE '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'port'))
        yield '\n'
    else:
        pass
        yield '# The program listens on no port: no EXPOSE and no HEALTHCHECK.\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'healthcheck'):
        pass
        yield '\n'
        if (not environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path')):
            pass
            yield "# The binary probes itself, so the check needs no curl or wget in the image\n# (scratch and distroless have neither).\n# Kubernetes ignores HEALTHCHECK: point the pod's probes at GET /healthz instead.\n# podman and buildah keep it only with `--format docker`: OCI images have no health check.\n"
        elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'probe_binary'):
            pass
            yield '# The probe built above requests '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))
            yield " on the service's port.\n# Kubernetes ignores HEALTHCHECK: point the pod's probes at GET "
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))
            yield ' instead.\n# podman and buildah keep it only with `--format docker`: OCI images have no health check.\n'
        else:
            pass
            yield '# busybox wget requests '
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))
            yield " on the service's port; an HTTP error fails the check.\n# Kubernetes ignores HEALTHCHECK: point the pod's probes at GET "
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))
            yield ' instead.\n# podman and buildah keep it only with `--format docker`: OCI images have no health check.\n'
        yield 'HEALTHCHECK --interval='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'INTERVAL'))
        yield ' --timeout='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'TIMEOUT'))
        yield ' --start-period='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'START_PERIOD'))
        yield ' --retries='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'RETRIES'))
        yield ' \\\n    CMD '
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'healthcheck')))
        yield '\n'
    if (undefined(name='single') if l_0_single is missing else l_0_single):
        pass
        l_0_target = environment.getitem(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), 0)
        context.vars['target'] = l_0_target
        context.exported_vars.add('target')
        yield '\n'
        if (environment.getattr(environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'copy'), 'what') == 'binaries'):
            pass
            yield '# Exec form: the first binary is PID 1 and receives SIGTERM directly; run another with\n# --entrypoint.\n'
        else:
            pass
            yield '# Exec form: the service is PID 1 and receives SIGTERM directly.\n'
        yield 'ENTRYPOINT '
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'entrypoint')))
        yield '\n'
        if environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'cmd'):
            pass
            yield '# Its arguments; docker run IMAGE ARGS replaces them.\nCMD '
            yield str(t_1(environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'cmd')))
            yield '\n'
    else:
        pass
        l_1_loop = missing
        for l_1_target, l_1_loop in LoopContext(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), undefined):
            _loop_vars = {}
            pass
            yield '\n'
            if environment.getattr(l_1_loop, 'last'):
                pass
                yield '# --- '
                yield str(environment.getattr(l_1_target, 'name'))
                yield ': the default image, built without --target ---\n'
            else:
                pass
                yield '# --- '
                yield str(environment.getattr(l_1_target, 'name'))
                yield ': built with --target '
                yield str(environment.getattr(l_1_target, 'name'))
                yield ' ---\n'
            yield 'FROM runtime AS '
            yield str(environment.getattr(l_1_target, 'name'))
            yield '\nCOPY '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'flags'))
            yield ' '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'source'))
            yield ' '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'target'))
            yield '\nENTRYPOINT '
            yield str(t_3(context.eval_ctx, environment.getattr(l_1_target, 'entrypoint')))
            yield '\n'
            if environment.getattr(l_1_target, 'cmd'):
                pass
                yield 'CMD '
                yield str(t_1(environment.getattr(l_1_target, 'cmd')))
                yield '\n'
        l_1_loop = l_1_target = missing

blocks = {}
debug_info = '2=43&4=47&6=50&8=53&9=56&10=58&13=64&15=66&20=69&23=73&24=75&26=78&27=82&30=85&32=88&34=90&36=93&38=96&40=99&43=102&44=105&46=107&47=110&49=114&50=117&52=121&55=125&57=127&59=131&60=133&61=136&62=138&63=141&67=146&69=149&71=152&73=155&74=158&76=163&78=170&79=173&80=175&82=179&87=186&89=192&91=196&92=199&94=202&96=207&99=210&101=212&104=215&106=219&110=222&113=225&114=228&118=233&120=236&125=239&126=242&127=244&130=249&131=251&134=254&135=262&137=264&138=266&140=270&146=277&147=279&149=282&152=287&154=291&155=294&157=299&159=304&160=306&161=312&162=314&163=317'