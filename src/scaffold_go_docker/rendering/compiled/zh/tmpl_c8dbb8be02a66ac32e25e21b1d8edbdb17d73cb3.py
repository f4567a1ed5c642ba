from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfile/runtime.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_d = resolve('d')
    l_0__ = resolve('_')
    l_0_o = resolve('o')
    l_0_distroless_uid = resolve('distroless_uid')
    l_0_user_name = resolve('user_name')
    l_0_copy = resolve('copy')
    l_0_health = resolve('health')
    l_0_target = resolve('target')
    l_0_r = l_0_single = missing
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    try:
        t_2 = environment.filters['exec_form']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'exec_form' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    try:
        t_5 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_r = environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'runtime')
    context.vars['r'] = l_0_r
    context.exported_vars.add('r')
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '--- Runtime stage: only the binary and the few files it needs ---')))
    yield '\n'
    if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'alpine'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Alpine: a few MB, with a shell and apk for debugging.')))
        yield '\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'scratch'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'scratch is empty: the image is the binary plus what is copied in below.')))
        yield '\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'distroless-base'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'distroless base: glibc for the cgo binary, CA certificates, tzdata and a nonroot user (%(uid)s), no shell.', uid=(undefined(name='distroless_uid') if l_0_distroless_uid is missing else l_0_distroless_uid))))
        yield '\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'base'), 'value') == 'debian'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Debian slim: glibc for the cgo binary, time-zone data and a shell, no CA certificates of its own.')))
        yield '\n'
    else:
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'distroless static: CA certificates, tzdata and a nonroot user (%(uid)s), no shell.', uid=(undefined(name='distroless_uid') if l_0_distroless_uid is missing else l_0_distroless_uid))))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'without_ca_bundle'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "No CA certificates: outbound HTTPS would fail with x509 errors, so this image is for a\nservice that makes no TLS calls (--ca-certificates copies the builder's bundle in).")))
        yield '\n# scaffold-go-docker ignore=SGD120 no outbound TLS, by choice\n'
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
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'OCI annotations: where the image comes from and which build it is.')))
        yield '\nLABEL '
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'labels'), ' \\\n      '))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'):
        pass
        yield '\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') == ('ca-certificates', 'tzdata')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'ca-certificates for outbound TLS and tzdata for time zones.')))
            yield '\n'
        elif (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') == ('ca-certificates',)):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'ca-certificates for outbound TLS.')))
            yield '\n'
        elif environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'tzdata for time zones.')))
            yield '\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages') and environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Packages come from the Alpine mirror %(mirror)s.', mirror=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'apk_mirror'))))
            yield '\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'adds_user'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "A system user '%(user)s', so tools show a name for UID %(uid)s.", user=(undefined(name='user_name') if l_0_user_name is missing else l_0_user_name), uid=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))))
            yield '\n'
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes') and ('mkdir' in t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'), ' '))):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The directories the service writes, owned by UID %(uid)s: %(dirs)s.', uid=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'), dirs=t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes'), ', '))))
            yield '\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'packages'):
            pass
            yield '# hadolint ignore=DL3018\n'
        yield 'RUN '
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'run'), ' \\\n && '))
        yield '\n'
    for l_1_copy in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'copies'):
        _loop_vars = {}
        pass
        yield '\n'
        if (environment.getattr(l_1_copy, 'what') == 'rootfs'):
            pass
            if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'passwd_entry') and environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'writable_tmp')):
                pass
                yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '/etc/passwd and /etc/group name UID %(uid)s; /tmp is writable by all, sticky as usual.', uid=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'), _loop_vars=_loop_vars)))
                yield '\n'
            elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'passwd_entry'):
                pass
                yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '/etc/passwd and /etc/group name UID %(uid)s.', uid=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'), _loop_vars=_loop_vars)))
                yield '\n'
            else:
                pass
                yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '/tmp is writable by all, sticky as usual.', _loop_vars=_loop_vars)))
                yield '\n'
        elif (environment.getattr(l_1_copy, 'what') == 'ca_bundle'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'CA certificates from the builder, for outbound TLS (otherwise: x509: certificate signed by unknown authority).', _loop_vars=_loop_vars)))
            yield '\n'
        elif (environment.getattr(l_1_copy, 'what') == 'zoneinfo'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Go's own zoneinfo archive from the builder; ZONEINFO tells Go where it is.", _loop_vars=_loop_vars)))
            yield '\n'
        elif (environment.getattr(l_1_copy, 'what') == 'probe'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The health-check probe from the builder.', _loop_vars=_loop_vars)))
            yield '\n'
        elif (environment.getattr(l_1_copy, 'what') == 'writable'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '%(dir)s belongs to UID %(uid)s: the service writes there.', dir=environment.getattr(l_1_copy, 'target'), uid=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'), _loop_vars=_loop_vars)))
            yield '\n'
        yield 'COPY '
        yield str(environment.getattr(l_1_copy, 'flags'))
        yield ' '
        yield str(environment.getattr(l_1_copy, 'source'))
        yield ' '
        yield str(environment.getattr(l_1_copy, 'target'))
        yield '\n'
    l_1_copy = missing
    l_0_single = t_5(environment.getattr(environment.getitem(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), 0), 'name'))
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
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The binaries stay owned by root: the service cannot overwrite them.')))
            yield '\n'
        else:
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The binary stays owned by root: the service cannot overwrite itself.')))
            yield '\n'
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
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The service's local time: log times carry %(zone)s's offset, not UTC's.", zone=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'timezone'), _loop_vars=_loop_vars)))
            yield '\n'
        yield 'ENV '
        yield str(l_1_name)
        yield '='
        yield str(l_1_value)
        yield '\n'
    l_1_name = l_1_value = missing
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'user_env'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The service's environment.")))
        yield '\nENV '
        yield str(t_3(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'user_env'), ' \\\n    '))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'non_root'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'A numeric UID:GID: Kubernetes runAsNonRoot can only verify a numeric user.')))
        yield '\nUSER '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
        yield ':'
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'uid'))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes'):
        pass
        yield '\n'
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Volumes for the writable directories: their data outlives the container, and the\nimage's own files stay read-only to the service.")))
        yield '\nVOLUME '
        yield str(t_4(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'volumes')))
        yield '\n'
    yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'expose'):
        pass
        yield 'EXPOSE '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'port'))
        yield '\n'
    else:
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The program listens on no port: no EXPOSE and no HEALTHCHECK.')))
        yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'healthcheck'):
        pass
        yield '\n'
        if (not environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path')):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The binary probes itself, so the check needs no curl or wget in the image\n(scratch and distroless have neither).\nKubernetes ignores HEALTHCHECK: point the pod's probes at GET /healthz instead.\npodman and buildah keep it only with `--format docker`: OCI images have no health check.")))
            yield '\n'
        elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'probe_binary'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The probe built above requests %(path)s on the service's port.\nKubernetes ignores HEALTHCHECK: point the pod's probes at GET %(path)s instead.\npodman and buildah keep it only with `--format docker`: OCI images have no health check.", path=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))))
            yield '\n'
        else:
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "busybox wget requests %(path)s on the service's port; an HTTP error fails the check.\nKubernetes ignores HEALTHCHECK: point the pod's probes at GET %(path)s instead.\npodman and buildah keep it only with `--format docker`: OCI images have no health check.", path=environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_path'))))
            yield '\n'
        yield 'HEALTHCHECK --interval='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'INTERVAL'))
        yield ' --timeout='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'TIMEOUT'))
        yield ' --start-period='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'START_PERIOD'))
        yield ' --retries='
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'RETRIES'))
        yield ' \\\n    CMD '
        yield str(t_4(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'healthcheck')))
        yield '\n'
    if (undefined(name='single') if l_0_single is missing else l_0_single):
        pass
        l_0_target = environment.getitem(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'targets'), 0)
        context.vars['target'] = l_0_target
        context.exported_vars.add('target')
        yield '\n'
        if (environment.getattr(environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'copy'), 'what') == 'binaries'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Exec form: the first binary is PID 1 and receives SIGTERM directly; run another with\n--entrypoint.')))
            yield '\n'
        else:
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Exec form: the service is PID 1 and receives SIGTERM directly.')))
            yield '\n'
        yield 'ENTRYPOINT '
        yield str(t_4(context.eval_ctx, environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'entrypoint')))
        yield '\n'
        if environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'cmd'):
            pass
            yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Its arguments; docker run IMAGE ARGS replaces them.')))
            yield '\nCMD '
            yield str(t_2(environment.getattr((undefined(name='target') if l_0_target is missing else l_0_target), 'cmd')))
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
                yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '--- %(name)s: the default image, built without --target ---', name=environment.getattr(l_1_target, 'name'), _loop_vars=_loop_vars)))
                yield '\n'
            else:
                pass
                yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), '--- %(name)s: built with --target %(name)s ---', name=environment.getattr(l_1_target, 'name'), _loop_vars=_loop_vars)))
                yield '\n'
            yield 'FROM runtime AS '
            yield str(environment.getattr(l_1_target, 'name'))
            yield '\nCOPY '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'flags'))
            yield ' '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'source'))
            yield ' '
            yield str(environment.getattr(environment.getattr(l_1_target, 'copy'), 'target'))
            yield '\nENTRYPOINT '
            yield str(t_4(context.eval_ctx, environment.getattr(l_1_target, 'entrypoint')))
            yield '\n'
            if environment.getattr(l_1_target, 'cmd'):
                pass
                yield 'CMD '
                yield str(t_2(environment.getattr(l_1_target, 'cmd')))
                yield '\n'
        l_1_loop = l_1_target = missing

blocks = {}
debug_info = '2=50&3=53&4=55&5=57&6=59&7=61&8=63&9=65&10=67&11=69&13=73&15=75&17=77&20=79&23=83&24=85&26=88&27=92&30=95&31=97&32=99&34=101&36=104&37=106&38=108&39=110&40=112&41=114&43=116&44=118&46=120&47=122&49=124&50=126&52=128&55=132&57=134&59=138&60=140&61=142&62=144&63=146&65=150&67=152&68=154&69=156&70=158&71=160&72=162&73=164&74=166&76=169&78=176&79=179&80=181&82=185&83=187&85=191&87=194&89=200&91=204&92=206&94=209&96=214&98=217&99=219&101=221&103=224&104=226&106=230&109=233&110=235&113=238&114=241&116=245&118=247&120=250&124=252&125=254&128=256&132=260&134=263&135=271&137=273&138=275&140=279&142=281&144=285&146=288&147=290&148=292&149=294&152=299&154=303&155=305&157=309&159=312&160=314&161=320&162=322&163=325'