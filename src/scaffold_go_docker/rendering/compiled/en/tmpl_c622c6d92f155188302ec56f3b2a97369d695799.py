from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'companions/compose.yaml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_o = resolve('o')
    l_0_health = resolve('health')
    try:
        t_1 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_2 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_3 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '# Runs '
    yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'app_name'))
    yield ' locally: `docker compose up --build`.\nservices:\n  '
    yield str(t_3(context.eval_ctx, t_2(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'app_name'))))
    yield ':\n    build:\n      context: .\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'several_targets'):
        pass
        yield '      target: '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'binary_name'))
        yield '\n'
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'multi_stage'):
        pass
        yield '      target: runtime\n'
    if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stamped_variables') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels')):
        pass
        yield '      args:\n        VERSION: dev\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'listens'):
        pass
        yield '    ports:\n      - "'
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'port'))
        yield ':'
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'port'))
        yield '"\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck'):
        pass
        yield '    healthcheck:\n      test: '
        yield str(t_3(context.eval_ctx, (['CMD'] + t_1(context.eval_ctx, environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'healthcheck_command')))))
        yield '\n      interval: '
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'INTERVAL'))
        yield '\n      timeout: '
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'TIMEOUT'))
        yield '\n      start_period: '
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'START_PERIOD'))
        yield '\n      retries: '
        yield str(environment.getattr((undefined(name='health') if l_0_health is missing else l_0_health), 'RETRIES'))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'multi_stage'):
        pass
        yield '    read_only: true\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'writable_tmp'):
            pass
            yield "    # The image's /tmp stays writable on a read-only root filesystem.\n    tmpfs:\n      - /tmp\n"
    yield '    restart: unless-stopped\n'

blocks = {}
debug_info = '1=32&3=34&6=36&7=39&8=41&11=44&15=47&17=50&19=54&21=57&22=59&23=61&24=63&25=65&27=67&29=70'