from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'app/dockerignore.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_o = resolve('o')
    pass
    yield "# Only what `go build` needs goes into the build context: smaller, faster, no secrets.\n# Version control and CI settings: the build does not read them.\n.git\n.github\n.gitignore\n# The build's own files: a change to them would rebuild the source layers for nothing.\n.dockerignore\nDockerfile*\ncompose.yaml\n.scaffold-go-docker.*\n# Documentation at the top level.\n*.md\n# Secrets: never in the context, so never in a layer.\n.env\n.env.*\n.netrc\n# Editor settings.\n.idea\n.vscode\n# Local build output and scratch files.\nbin/\ndist/\ntmp/\n"
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'vendor'):
        pass
        yield '# vendor/ is not listed: the build reads the dependencies from it.\n'
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'dockerignore_keep'):
        pass
        yield '# Never excluded: the build embeds them (//go:embed).\n'
        for l_1_path in environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'dockerignore_keep'):
            _loop_vars = {}
            pass
            yield '!'
            yield str(l_1_path)
            yield '\n'
        l_1_path = missing

blocks = {}
debug_info = '24=13&27=16&29=19&30=23'