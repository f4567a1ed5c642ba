from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'app/dockerignore.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0__ = resolve('_')
    l_0_o = resolve('o')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    pass
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Only what `go build` needs goes into the build context: smaller, faster, no secrets.')))
    yield '\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Version control and CI settings: the build does not read them.')))
    yield '\n.git\n.github\n.gitignore\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The build's own files: a change to them would rebuild the source layers for nothing.")))
    yield '\n.dockerignore\nDockerfile*\ncompose.yaml\n.scaffold-go-docker.*\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Documentation at the top level.')))
    yield '\n*.md\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Secrets: never in the context, so never in a layer.')))
    yield '\n.env\n.env.*\n.netrc\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Editor settings.')))
    yield '\n.idea\n.vscode\n'
    yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Local build output and scratch files.')))
    yield '\nbin/\ndist/\ntmp/\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'vendor'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'vendor/ is not listed: the build reads the dependencies from it.')))
        yield '\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'dockerignore_keep'):
        pass
        yield str(t_1(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Never excluded: the build embeds them (//go:embed).')))
        yield '\n'
        for l_1_path in environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'dockerignore_keep'):
            _loop_vars = {}
            pass
            yield '!'
            yield str(l_1_path)
            yield '\n'
        l_1_path = missing

blocks = {}
debug_info = '1=19&2=21&6=23&11=25&13=27&17=29&20=31&24=33&25=35&27=37&28=39&29=41&30=45'